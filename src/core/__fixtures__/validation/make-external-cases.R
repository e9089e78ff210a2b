#!/usr/bin/Rscript
# Makes external-cases.json: the external-validation figures of R for risks p and outcomes y.
#
# Usage (from this folder): Rscript make-external-cases.R > external-cases.json
# Debian 12: r-base-core 4.2, r-cran-rms 6.5, r-cran-hmisc 4.7, r-cran-proc 1.18.
#   rms::val.prob(p, y, pl = FALSE): Brier, Intercept and Slope (lrm of y on logit p), C (from lrm)
#   Hmisc::somers2(p, y)["C"]: the C statistic (concordance) of p
#   glm(y ~ 1, offset = qlogis(p), family = binomial): calibration-in-the-large, Wald 95% CI
#   glm(y ~ qlogis(p), family = binomial): slope, Wald 95% CI (confint.default)
#   pROC::ci.auc(roc(y, p, direction = "<"), method = "delong")
# Cases: the Pima data (complete rows) with a model fitted on its first 400 rows and validated on the
# others (a development model applied elsewhere), and two synthetic miscalibrated sets.
suppressMessages({ library(rms); library(pROC); library(jsonlite) })

figures <- function(name, p, y) {
  v <- val.prob(p, y, pl = FALSE)
  lp <- qlogis(pmin(pmax(p, 1e-15), 1 - 1e-15))
  large <- glm(y ~ 1, offset = lp, family = binomial)
  slope <- glm(y ~ lp, family = binomial)
  ci <- ci.auc(roc(y, p, direction = "<", quiet = TRUE), method = "delong")
  list(
    name = name, p = p, y = y,
    brier = unname(v["Brier"]), valprob_intercept = unname(v["Intercept"]), valprob_slope = unname(v["Slope"]),
    somers2_c = unname(somers2(p, y)["C"]),
    citl = unname(coef(large)[1]), citl_ci = unname(confint.default(large)[1, ]),
    slope = unname(coef(slope)[2]), slope_ci = unname(confint.default(slope)[2, ]),
    auc_delong = as.numeric(ci)[c(2, 1, 3)]
  )
}

pima <- read.csv("../../../../public/samples/pima_diabetes.csv")
pima <- pima[complete.cases(pima), ]
pima$y <- as.integer(pima$diabetes == "pos")
dev <- pima[1:250, ]
ext <- pima[251:nrow(pima), ]
fit <- glm(y ~ glucose + mass + age + pedigree, data = dev, family = binomial)
p_ext <- unname(predict(fit, newdata = ext, type = "response"))

set.seed(11)
x <- rnorm(300)
p_over <- plogis(-0.5 + 1.8 * x)               # too extreme: the slope is below 1
y_over <- rbinom(300, 1, plogis(-0.2 + 0.9 * x))
p_low <- plogis(-2 + x)                         # too low: calibration-in-the-large above 0
y_low <- rbinom(300, 1, plogis(-1 + x))

cases <- list(
  figures("pima: development rows 1-250, validated on the other 142", p_ext, ext$y),
  figures("synthetic: overfitted risks", p_over, y_over),
  figures("synthetic: risks too low", p_low, y_low)
)
cat(toJSON(list(R = R.version.string, cases = cases), auto_unbox = TRUE, digits = I(17)))
cat("\n")
