// ml-logistic-regression@2 ships no types: the part of its API the benchmark uses.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  export interface LogisticRegressionOptions {
    numSteps?: number;
    learningRate?: number;
  }

  export interface TwoClassClassifier {
    weights: Matrix;
  }

  export default class LogisticRegression {
    constructor(options?: LogisticRegressionOptions);
    numSteps: number;
    learningRate: number;
    classifiers: TwoClassClassifier[];
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
  }
}
