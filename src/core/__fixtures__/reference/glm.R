#!/usr/bin/Rscript
# Converged maximum-likelihood references from R's glm(family = binomial) for the fixtures here.
#
# Usage (from this folder):  Rscript glm.R > glm.json        (R 4.2.2, base packages only: no jsonlite)
#
# For each fixture JSON (reference.py's output) it takes the same rows, split (`train_rows`, 0-based data
# rows of the CSV), mean imputation (`missing: mean`: training means) and z-scores (the fixture's scaler),
# fits glm(y ~ Z, family = binomial) with a much tighter tolerance than glm's default (epsilon 1e-8,
# maxit 25) and, once converged without warnings, once more from its own optimum (so that the covariance is
# that of the optimum, not of the iterate before it; `iter` is the first fit's count), and prints coefficients, Wald
# standard errors, z, two-sided p, deviances, AIC, the covariance matrix (the inverse Fisher information,
# (p+1)² row-major, intercept LAST as in logistic-mle.ts) and any warnings glm raised, with 17 significant
# digits. Aliased (linearly dependent) columns appear as null, as glm's NA. wdbc is also fitted with
# glm's default control, to record what a user of R would see there, and hand-made cases (constant,
# collinear, separated columns) that logistic-mle.test.ts rebuilds. wdbc with epsilon 1e-14 is garbage on
# purpose: glm reports converged = TRUE there at |β| ~ 1e15 with a deviance above the null deviance.
samples <- "../../../../public/samples/"

# A JSON array of numbers `"key": [ ... ]` from the fixture text (no nesting inside the array).
num_array <- function(txt, key) {
  m <- regmatches(txt, regexpr(paste0('"', key, '": \\[[^]]*\\]'), txt))
  inner <- sub("\\]$", "", sub("^[^[]*\\[", "", m))
  as.numeric(trimws(strsplit(inner, ",")[[1]]))
}
str_array <- function(txt, key) {
  m <- regmatches(txt, regexpr(paste0('"', key, '": \\[[^]]*\\]'), txt))
  s <- regmatches(m, gregexpr('"[^"]*"', m))[[1]][-1]
  substring(s, 2, nchar(s) - 1)
}
str_value <- function(txt, key) {
  m <- regmatches(txt, regexpr(paste0('"', key, '": "[^"]*"'), txt))
  sub('"$', "", sub(paste0('^"', key, '": "'), "", m))
}

num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
strs <- function(x) paste0("[", paste0('"', gsub('"', '\\\\"', x), '"', collapse = ", "), "]")

fit_fixture <- function(name, control) {
  txt <- paste(readLines(paste0(name, ".json"), warn = FALSE), collapse = "\n")
  features <- str_array(txt, "features")
  df <- read.csv(paste0(samples, str_value(txt, "csv")), check.names = FALSE, na.strings = c("", "NA"))
  tr <- num_array(txt, "train_rows") + 1
  X <- as.matrix(df[tr, features, drop = FALSE])
  y <- as.integer(as.character(df[[str_value(txt, "target")]][tr]) == str_value(txt, "positive"))
  if (str_value(txt, "missing") == "mean") {
    fill <- colMeans(X, na.rm = TRUE)
    for (j in seq_along(features)) X[is.na(X[, j]), j] <- fill[j]
  }
  mu <- num_array(txt, "mean")
  sd <- num_array(txt, "std")
  Z <- sweep(sweep(X, 2, mu, "-"), 2, sd, "/")
  colnames(Z) <- NULL
  glm_json(Z, y, features, control)
}

# glm(y ~ Z, family = binomial) on a design matrix Z (no intercept column), as a JSON object
glm_json <- function(Z, y, features, control) {
  warnings <- character(0)
  fit <- withCallingHandlers(
    glm(y ~ Z, family = binomial, control = control),
    warning = function(w) {
      warnings <<- c(warnings, conditionMessage(w))
      invokeRestart("muffleWarning")
    }
  )
  iter <- fit$iter
  # summary() takes the covariance from the QR of the last iteration, whose weights are those of the
  # previous iterate (off by ~√epsilon): refit from the optimum so that they are the optimum's own
  if (fit$converged && length(warnings) == 0) {
    b0 <- coef(fit)
    fit <- glm(y ~ Z, family = binomial, control = control, start = ifelse(is.na(b0), 0, b0))
  }
  p <- ncol(Z)
  b <- coef(fit) # (Intercept), Z1, ..., Zp; NA where aliased
  sm <- summary(fit)$coefficients # rows for the non-aliased coefficients only
  full <- matrix(NA_real_, p + 1, 4)
  full[match(rownames(sm), names(b)), ] <- sm
  V <- matrix(NA_real_, p + 1, p + 1)
  keep <- !is.na(b)
  V[keep, keep] <- vcov(fit)[names(b)[keep], names(b)[keep]]
  ord <- c(2:(p + 1), 1) # intercept last
  mu_hat <- fitted(fit)
  eps <- 10 * .Machine$double.eps # glm.fit's "fitted probabilities numerically 0 or 1" threshold
  paste0(
    '{\n  "features": ', strs(features),
    ',\n  "n_train": ', length(y), ', "events": ', sum(y),
    ',\n  "control": {"epsilon": ', num(control$epsilon), ', "maxit": ', control$maxit, "}",
    ',\n  "converged": ', tolower(fit$converged), ', "iter": ', iter,
    ',\n  "coef": ', arr(b[-1]), ',\n  "intercept": ', num(b[1]),
    ',\n  "se": ', arr(full[-1, 2]), ',\n  "intercept_se": ', num(full[1, 2]),
    ',\n  "z": ', arr(full[-1, 3]), ',\n  "intercept_z": ', num(full[1, 3]),
    ',\n  "p": ', arr(full[-1, 4]), ',\n  "intercept_p": ', num(full[1, 4]),
    ',\n  "aliased": ', arr(which(is.na(b[-1])) - 1),
    ',\n  "deviance": ', num(deviance(fit)), ', "null_deviance": ', num(fit$null.deviance),
    ', "aic": ', num(AIC(fit)), ', "logLik": ', num(as.numeric(logLik(fit))),
    ',\n  "fitted_min": ', num(min(mu_hat)), ', "fitted_max": ', num(max(mu_hat)),
    ', "n_fitted_0_or_1": ', sum(mu_hat < eps | mu_hat > 1 - eps),
    ',\n  "max_abs_eta": ', num(max(abs(fit$linear.predictors))),
    ',\n  "covariance": ', arr(t(V[ord, ord])),
    ',\n  "warnings": ', if (length(warnings)) strs(unique(warnings)) else "[]",
    "\n}"
  )
}

# Hand-made data (logistic-mle.test.ts builds the same columns): 60 rows, 30 events, not separable
i <- 1:60
x1 <- sin(i)
x2 <- cos(1.7 * i)
x3 <- ((i * 37) %% 11) / 11
y60 <- as.integer(sin(2.3 * i) + 0.8 * x1 - 0.5 * x2 > 0)
x <- 1:10 # complete separation: y = x > 5
xq <- c(1, 2, 3, 4, 5, 5, 6, 7, 8, 9) # quasi-complete: y = x >= 5 except one of the two rows at 5
yq <- c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1)
xz <- rep(c(1, 0), c(10, 30)) # a zero cell: 0 events in 10 exposed, 5 in 30 unexposed (quasi-complete)
yz <- c(rep(0, 10), rep(1, 5), rep(0, 25))

tight <- glm.control(epsilon = 1e-14, maxit = 100)
# glm.fit's QR declares a column aliased below tol = min(1e-7, epsilon / 1000): with epsilon 1e-14 (tol 1e-17)
# it keeps x1 + x2 beside x1 and x2 and "fits" ±1.9e14; epsilon 1e-10 (tol 1e-13) reports it as NA
aliasing <- glm.control(epsilon = 1e-10, maxit = 100)
out <- c(
  paste0('"r_version": "', R.version.string, '"'),
  paste0('"pima_diabetes_drop": ', fit_fixture("pima_diabetes_drop", tight)),
  paste0('"pima_diabetes_mean": ', fit_fixture("pima_diabetes_mean", tight)),
  paste0('"wdbc": ', fit_fixture("wdbc", tight)),
  paste0('"wdbc_default_control": ', fit_fixture("wdbc", glm.control())),
  paste0('"handmade_x123": ', glm_json(cbind(x1, x2, x3), y60, c("x1", "x2", "x3"), tight)),
  paste0('"handmade_x1_const_x2": ', glm_json(cbind(x1, 3, x2), y60, c("x1", "3", "x2"), aliasing)),
  paste0('"handmade_x123_sum": ', glm_json(cbind(x1, x2, x3, x1 + x2), y60, c("x1", "x2", "x3", "x1+x2"), aliasing)),
  paste0('"handmade_complete": ', glm_json(cbind(x), as.integer(x > 5), "x", glm.control())),
  paste0('"handmade_quasi": ', glm_json(cbind(xq), yq, "x", glm.control())),
  paste0('"handmade_zero_cell": ', glm_json(cbind(xz), yz, "exposed", glm.control()))
)
cat("{\n", paste(out, collapse = ",\n"), "\n}\n", sep = "")
