# R's glm(family = binomial) on the journey's training matrix (written by journey.py --glm-out as raw float64,
# row-major: the outcome, then the design columns), timed with its standard errors (summary()), as an R user fits
# the unpenalized logistic regression. Usage: Rscript journey_glm.R MATRIX ROWS COLUMNS OUT.json
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; rows <- as.integer(args[2]); cols <- as.integer(args[3]); out <- args[4]
t0 <- proc.time()[["elapsed"]]
m <- matrix(readBin(path, what = "double", n = rows * cols, size = 8, endian = "little"), nrow = rows, ncol = cols, byrow = TRUE)
d <- as.data.frame(m)
names(d) <- c("y", paste0("x", seq_len(cols - 1)))
read <- proc.time()[["elapsed"]] - t0
t1 <- proc.time()[["elapsed"]]
fit <- glm(y ~ ., family = binomial, data = d)
se <- summary(fit)$coefficients[, "Std. Error"]
seconds <- proc.time()[["elapsed"]] - t1
cat(sprintf('{"ok": true, "seconds": %.6f, "read_seconds": %.6f, "iterations": %d, "converged": %s, "max_se": %.10g, "r": "%s"}',
            seconds, read, fit$iter, tolower(as.character(fit$converged)), max(se), paste(R.version$major, R.version$minor, sep = ".")),
    file = out)
