# Reference values from R (4.2, base packages only) for make-metrics-cases.py.
# Usage: Rscript delong-glm.R cases.csv  (columns: case, y, score; one row per observation)
# Prints "case key value" lines, values with 17 significant digits:
#   auc_w: Wilcoxon W / (n1 n0) from wilcox.test (ties count one half);
#   delong_se, delong_lo, delong_hi: DeLong, DeLong & Clarke-Pearson (1988) from the paper's
#     structural components V10(X_i) = mean_j psi(X_i, Y_j), V01(Y_j) = mean_i psi(X_i, Y_j),
#     psi = 1 if X > Y, 1/2 if X == Y, 0 otherwise (explicit m x n matrix, O(mn)), and
#     var = S10 / m + S01 / n with sample variances (m - 1, n - 1); the interval as
#     pROC::ci_auc_delong: qnorm(c(.025, .975), auc, sqrt(var)) clipped to [0, 1];
#     NA when m <= 1 or n <= 1, as pROC;
#   glm_slope, glm_slope_intercept: glm(y ~ lp, binomial), lp = qlogis(clip(p, 1e-15, 1 - 1e-15));
#   glm_citl: glm(y ~ 1, offset = lp, binomial).
# glm's own verdict (converged) is printed as is: make-metrics-cases.py drops slopes where the data are
# separated (no finite estimate) and compares the rest with statsmodels.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("character", "integer", "numeric"))
out <- function(case, key, v) cat(case, key, sprintf("%.17g", v), "\n")
ctl <- glm.control(epsilon = 1e-15, maxit = 200)
for (case in unique(d$case)) {
  s <- d[d$case == case, ]
  x <- s$score[s$y == 1]; yy <- s$score[s$y == 0]
  m <- length(x); n <- length(yy)
  if (m == 0 || n == 0) next
  w <- suppressWarnings(wilcox.test(x, yy, exact = FALSE))$statistic
  out(case, "auc_w", w / (m * n))
  psi <- outer(x, yy, function(a, b) (a > b) + 0.5 * (a == b))
  auc <- mean(psi)
  if (m > 1 && n > 1) {
    v10 <- rowMeans(psi); v01 <- colMeans(psi)
    S <- sum((v10 - auc)^2) / (m - 1) / m + sum((v01 - auc)^2) / (n - 1) / n
    ci <- qnorm(c(0.025, 0.975), mean = auc, sd = sqrt(S))
    ci[ci > 1] <- 1; ci[ci < 0] <- 0
    out(case, "delong_se", sqrt(S)); out(case, "delong_lo", ci[1]); out(case, "delong_hi", ci[2])
  }
  if (all(s$score >= 0 & s$score <= 1)) {
    lp <- qlogis(pmin(pmax(s$score, 1e-15), 1 - 1e-15))
    f1 <- suppressWarnings(glm(s$y ~ lp, family = binomial, control = ctl))
    if (f1$converged && !anyNA(coef(f1))) {
      out(case, "glm_slope_intercept", coef(f1)[1]); out(case, "glm_slope", coef(f1)[2])
    }
    f0 <- suppressWarnings(glm(s$y ~ 1, offset = lp, family = binomial, control = ctl))
    if (f0$converged) out(case, "glm_citl", coef(f0)[1])
  }
}
