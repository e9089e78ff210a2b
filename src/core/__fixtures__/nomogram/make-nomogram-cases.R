#!/usr/bin/Rscript
# Makes the nomogram fixtures: birthwt.csv (the data) and nomogram-cases.json (what rms::nomogram draws).
#
# Usage (from this folder):  Rscript make-nomogram-cases.R > nomogram-cases.json
# Debian 12: r-base-core 4.2.2, r-cran-rms 6.5.0, r-cran-mass 7.3-58, r-cran-jsonlite 1.8.4 (the JSON
# records the versions it was made with).
#
# birthwt.csv: MASS::birthwt as it is, except race written as its labels (1 white, 2 black, 3 other,
# as ?birthwt says) so that the app reads it as a category. Source: Hosmer & Lemeshow (1989), Applied
# Logistic Regression, Wiley; the data of Baystate Medical Center, Springfield, Massachusetts, 1986.
#
# Each case: lrm(eps = 1e-12) on the rows used (lrm's default eps = 0.025 stops ~1e-7 short of the
# maximum-likelihood coefficients, ~1e-5 points, which the app's fit is compared with), datadist() on the same rows (so its limits are the training rows'),
# then nomogram(fit, fun = plogis, fun.at = RISKS) with everything else at rms's defaults (maxscale 100,
# nint 10, lp.at = pretty(range of the fit's linear predictors, 10)). Recorded per case:
#   predictors: what the app's nomogram needs as input: per-unit coefficients (a factor: one per level,
#     0 for its reference), datadist's full range ("Low", "High": the rows' min and max, which nomogram
#     uses: value.chk(type.range = "full")) and datadist's `values` (the sorted distinct values of a
#     numeric column with at most n.unique = 10 of them: such an axis is drawn at every value);
#   nomogram: points per axis value ($points), the scale sc (points per unit of linear predictor), the
#     linear predictor at 0 points (attr "info"$Intercept), the per-axis contribution range R, the total
#     points axis, the linear-predictor axis, and the risk axis twice: as nomogram places it by default
#     (approx() of the inverse on a 1000-point grid, `points_approx`), and at the exact logit of each risk
#     (fun.lp.at = qlogis(risk), `points`) for the risks that the default keeps (those whose linear
#     predictor lies inside lp.at's range);
#   fitted: each row's predicted risk (predict(fit, type = "fitted")) for birthwt's main model.
# pretty: base R's pretty(c(lo, hi), n = 10) on assorted ranges, which the port of pretty() must equal.
suppressMessages({ library(rms); library(MASS); library(jsonlite) })

RISKS <- c(0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99)

bw <- birthwt
bw$race <- factor(bw$race, levels = 1:3, labels = c("white", "black", "other"))
write.csv(bw, "birthwt.csv", row.names = FALSE)

pima <- read.csv("../../../../public/samples/pima_diabetes.csv")
pima$y <- as.integer(pima$diabetes == "pos")

nomogram_case <- function(name, formula, data, with_fitted = FALSE) {
  vars <- all.vars(formula)
  data <- data[complete.cases(data[, vars]), vars]
  dd <<- datadist(data)
  options(datadist = "dd")
  fit <- lrm(formula, data = data, eps = 1e-12)
  nom <- nomogram(fit, fun = plogis, fun.at = RISKS, funlabel = "Risk")
  info <- attr(nom, "info")
  kept <- RISKS[info$lp.at[1] <= qlogis(RISKS) & qlogis(RISKS) <= max(info$lp.at)]
  exact <- nomogram(fit, fun = plogis, fun.lp.at = qlogis(kept), funlabel = "Risk")
  stopifnot(isTRUE(all.equal(nom$Risk$x.real, kept)))
  b <- coef(fit)
  preds <- all.vars(formula)[-1]
  predictors <- lapply(preds, function(v) {
    x <- data[[v]]
    if (is.factor(x)) {
      lev <- levels(x)
      list(name = v, kind = "factor", levels = lev,
           coefs = unname(sapply(lev, function(l) if (l == lev[1]) 0 else b[[paste0(v, "=", l)]])))
    } else {
      list(name = v, kind = "numeric", coef = unname(b[[v]]),
           low = dd$limits["Low", v], high = dd$limits["High", v],
           values = if (is.null(dd$values[[v]])) NULL else dd$values[[v]],
           integer = all(x == round(x)))
    }
  })
  axes <- lapply(preds, function(v) {
    a <- nom[[v]]
    list(name = v, at = a[[v]], xbeta = unname(a$Xbeta), points = unname(a$points))
  })
  out <- list(
    name = name, formula = deparse(formula), rows = nrow(data),
    intercept = unname(b[["Intercept"]]), predictors = predictors,
    lp_range = range(fit$linear.predictors),
    nomogram = list(
      sc = info$sc, intercept = unname(info$Intercept), maxscale = info$maxscale,
      R = lapply(preds, function(v) list(name = v, low = info$R[1, v], high = info$R[2, v])),
      axes = axes,
      total_points = nom$total.points$x,
      lp = list(at = nom$lp$x.real, points = nom$lp$x),
      risk = list(at = kept, points = exact$Risk$x, points_approx = nom$Risk$x)
    )
  )
  if (with_fitted) out$fitted <- unname(predict(fit, type = "fitted"))
  out
}

cases <- list(
  nomogram_case("birthwt: the Hosmer-Lemeshow predictors, race a factor; lwt has the widest range",
                low ~ age + lwt + race + smoke + ptl + ht + ui + ftv, bw, with_fitted = TRUE),
  nomogram_case("birthwt: a 0/1 predictor (ht) has the widest range",
                low ~ age + smoke + ht, bw),
  nomogram_case("pima (complete rows): continuous predictors only; glucose has the widest range",
                y ~ pregnant + glucose + pressure + mass + pedigree + age, pima)
)

set.seed(7)
ranges <- list(c(14, 45), c(80, 250), c(0, 1), c(-3.63, 1.61), c(0, 247.3), c(0.078, 2.42), c(21, 81),
               c(44, 199), c(18.2, 67.1), c(-0.5, 0.5), c(1e-4, 3e-4), c(1234, 98765), c(-250, -80),
               c(0, 17), c(0, 100), c(5, 5), c(0, 0))
for (k in 1:40) {
  lo <- round(rnorm(1, 0, 10^runif(1, -2, 4)), sample(0:4, 1))
  ranges[[length(ranges) + 1]] <- sort(c(lo, lo + round(10^runif(1, -3, 4), sample(0:4, 1))))
}
pretty_cases <- lapply(ranges, function(r) list(lo = r[1], hi = r[2], n = 10, out = pretty(r, n = 10)))

cat(toJSON(list(R = R.version.string, rms = as.character(packageVersion("rms")),
                MASS = as.character(packageVersion("MASS")), risks = RISKS,
                cases = cases, pretty = pretty_cases),
           auto_unbox = TRUE, digits = I(17), null = "null"))
cat("\n")
