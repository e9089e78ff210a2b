#!/usr/bin/Rscript
# Firth's bias-reduced logistic regression references for models/logistic-firth.test.ts, from
# brglm2::brglmFit(type = "AS_mean") (the mean-bias-reducing adjusted score = Firth's estimate in a
# logistic model).
#
# Usage (from this folder):  Rscript make-firth-cases.R
# Made with R 4.2.2, brglm2 0.9, jsonlite 1.8.4 (Debian 12: apt-get install r-cran-brglm2 r-cran-jsonlite).
#
# Writes
#   quasi-separated.csv, separated.csv, categorical.csv   three small cohorts, made here (set.seed below);
#                                                          the column `set` marks the training rows ("train")
#                                                          and a few test rows the app needs for its split
#   firth-cases.json                                       brglm2's fit of each case
# The cases:
#   pima_drop, pima_mean  ../../../../public/samples/pima_diabetes.csv with the rows, split (`train_rows`)
#                         and imputation (`mean`: training means) of ../reference/pima_diabetes_*.json
#   wdbc                  ../../../../public/samples/wdbc.csv with the split of ../reference/wdbc.json: 30
#                         strongly collinear features that separate the classes completely (no MLE);
#                         coefficients only (make-firth-profile.py leaves it out: its multi-start profile
#                         search would take hours there)
#   quasi_separated       40 rows: every treated patient has the event (quasi-complete separation by
#                         `treated`), age mixed
#   separated             30 rows: the event exactly when marker > 5 (complete separation), noise unrelated
#   categorical           200 rows: age, sex (F/M), stage (I-IV; all 8 stage IV patients have the event),
#                         site (A/B/C): one-hot levels against the first level in sorted order, as the app
# brglm2 fits the RAW covariates (indicators 0/1 for the levels): Firth's estimate is equivariant under
# affine maps of the covariates (log det I changes by a constant), so the test maps the app's z-score
# coefficients back (β/σ, b − Σβμ/σ) and compares there, which also checks the app's design.
# Numbers are printed with 15 significant digits (jsonlite's most), coefficients in the app's feature
# order (names as the app's);
# `se` and `intercept_se` are brglm2's (the inverse of XᵀWX at the estimate), `covariance` its vcov
# (row-major, intercept FIRST as in R). Convergence is tightened (epsilon 1e-13, maxit 5000) so that the
# numbers are the estimate, not an iterate; on wdbc's raw covariates (ill-conditioned) brglm2 gets no
# further than epsilon 1e-10, with half steps (slowit 0.5), 205 iterations.
suppressPackageStartupMessages({
  library(brglm2)
  library(jsonlite)
})

samples <- "../../../../public/samples/"

fit_case <- function(X, y, epsilon = 1e-13, slowit = 1) {
  df <- data.frame(X, check.names = FALSE)
  names(df) <- paste0("x", seq_len(ncol(X)))
  df$y <- y
  fit <- glm(y ~ ., family = binomial, data = df, method = "brglmFit", type = "AS_mean",
             epsilon = epsilon, maxit = 5000, slowit = slowit)
  stopifnot(fit$converged)
  b <- coef(fit)
  V <- vcov(fit)
  list(
    features = colnames(X),
    coef = unname(b[-1]), intercept = unname(b[1]),
    se = unname(sqrt(diag(V))[-1]), intercept_se = unname(sqrt(V[1, 1])),
    covariance = as.vector(t(V)),
    deviance = fit$deviance, null_deviance = fit$null.deviance, aic = fit$aic,
    iter = fit$iter, n = length(y), events = sum(y)
  )
}

# one-hot indicators of a text column, the first sorted level left out (named as the app: "col=level")
indicators <- function(values, column) {
  levels <- sort(unique(values), method = "radix") # code-point order, as the app sorts levels
  out <- sapply(levels[-1], function(l) as.numeric(values == l))
  out <- matrix(out, nrow = length(values))
  colnames(out) <- paste0(column, "=", levels[-1])
  out
}

sample_case <- function(name, ...) {
  txt <- paste(readLines(paste0("../reference/", name, ".json"), warn = FALSE), collapse = "\n")
  fx <- fromJSON(gsub("\\bNaN\\b|-?\\bInfinity\\b", "null", txt))
  df <- read.csv(paste0(samples, fx$csv), check.names = FALSE, na.strings = c("", "NA"))
  rows <- fx$train_rows + 1
  X <- as.matrix(df[rows, fx$features, drop = FALSE])
  y <- as.integer(df[[fx$target]][rows] == fx$positive)
  if (fx$missing == "mean") {
    fill <- colMeans(X, na.rm = TRUE)
    for (j in seq_along(fx$features)) X[is.na(X[, j]), j] <- fill[j]
  }
  stopifnot(!anyNA(X))
  c(list(csv = fx$csv, missing = fx$missing), fit_case(X, y, ...))
}

write_cohort <- function(file, df) write.csv(df, file, row.names = FALSE, quote = FALSE)
from_cohort <- function(file, numeric, categorical = character()) {
  df <- read.csv(file, colClasses = "character")
  tr <- df[df$set == "train", ]
  X <- sapply(numeric, function(c) as.numeric(tr[[c]]))
  X <- matrix(X, nrow = nrow(tr), dimnames = list(NULL, numeric))
  for (c in categorical) X <- cbind(X, indicators(tr[[c]], c))
  features <- c(numeric, categorical)
  c(list(csv = file, features_in_setup = features), fit_case(X, as.integer(tr$outcome == "yes")))
}

set.seed(20240611)

# quasi-complete separation: treated → event, always; untreated: a logistic in age
n <- 46
treated <- c(rep(1, 12), rep(0, 28), c(1, 0, 0, 1, 0, 0))
age <- round(rnorm(n, 62, 9))
p <- plogis(-0.4 + 0.08 * (age - 62))
event <- ifelse(treated == 1, 1, rbinom(n, 1, p))
event[41:46] <- c(1, 0, 1, 1, 0, 0)
write_cohort("quasi-separated.csv", data.frame(age = age, treated = treated, outcome = ifelse(event == 1, "yes", "no"),
                                                set = c(rep("train", 40), rep("test", 6))))

# complete separation by marker (> 5: event), noise unrelated
n <- 36
marker <- round(runif(n, 1, 9), 1)
marker[marker == 5] <- 5.3
noise <- round(rnorm(n, 0, 1), 2)
event <- as.integer(marker > 5)
write_cohort("separated.csv", data.frame(marker = marker, noise = noise, outcome = ifelse(event == 1, "yes", "no"),
                                          set = c(rep("train", 30), rep("test", 6))))

# one-hot categorical predictors; stage IV (8 patients) all events
n <- 220
stage <- sample(c("I", "II", "III"), n, replace = TRUE, prob = c(0.45, 0.35, 0.2))
stage[c(3, 17, 40, 66, 101, 130, 170, 199)] <- "IV"
sex <- sample(c("F", "M"), n, replace = TRUE)
site <- sample(c("A", "B", "C"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
age <- round(rnorm(n, 58, 11))
lp <- -1.2 + 0.04 * (age - 58) + 0.5 * (sex == "M") + c(I = 0, II = 0.6, III = 1.3, IV = 0)[stage] + 0.3 * (site == "C")
event <- rbinom(n, 1, plogis(lp))
event[stage == "IV"] <- 1
set <- c(rep("train", 200), rep("test", 20))
stopifnot(all(stage[set == "test"] != "IV"))
write_cohort("categorical.csv", data.frame(age = age, sex = sex, stage = stage, site = site,
                                            outcome = ifelse(event == 1, "yes", "no"), set = set))

cases <- list(
  pima_drop = sample_case("pima_diabetes_drop"),
  pima_mean = sample_case("pima_diabetes_mean"),
  wdbc = sample_case("wdbc", epsilon = 1e-10, slowit = 0.5),
  quasi_separated = from_cohort("quasi-separated.csv", c("age", "treated")),
  separated = from_cohort("separated.csv", c("marker", "noise")),
  categorical = from_cohort("categorical.csv", "age", c("sex", "stage", "site"))
)
# the MLE does not exist for the separated cases: glm's iterate runs off (a huge coefficient and standard
# error; with complete separation a warning), recorded for the reader
for (k in c("quasi_separated", "separated")) {
  w <- character()
  df <- read.csv(cases[[k]]$csv)
  df <- df[df$set == "train", ]
  df$y <- as.integer(df$outcome == "yes")
  f <- withCallingHandlers(glm(reformulate(cases[[k]]$features_in_setup, "y"), family = binomial, data = df),
                           warning = function(e) { w <<- c(w, conditionMessage(e)); invokeRestart("muffleWarning") })
  cases[[k]]$glm <- list(coef = unname(coef(f)[-1]), se = unname(sqrt(diag(vcov(f)))[-1]), warnings = w)
}

meta <- list(
  made_by = "make-firth-cases.R", R = R.version.string,
  brglm2 = as.character(packageVersion("brglm2")), jsonlite = as.character(packageVersion("jsonlite")),
  call = 'glm(y ~ ., family = binomial, method = "brglmFit", type = "AS_mean", epsilon = 1e-13, maxit = 5000) (wdbc: epsilon = 1e-10, slowit = 0.5)'
)
writeLines(toJSON(c(list(meta = meta), cases), auto_unbox = TRUE, digits = I(17), pretty = TRUE), "firth-cases.json")
