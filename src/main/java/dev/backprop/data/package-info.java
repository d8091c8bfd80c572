/**
 * Reading examples and stacking them into blocks, in pure Java (the Spark layer opens the paths and runs these on
 * the executors). Errors name the file and line.
 * <ul>
 *   <li>Line parsers: {@link dev.backprop.data.LibsvmParser}, and {@link dev.backprop.data.CsvParser} with its
 *       options (label column, or the target columns of a regression with several targets; ignored, categorical
 *       and weight columns; missing values), producing {@link dev.backprop.data.LabeledPoint}s (one label, or one
 *       per target) or raw {@link dev.backprop.data.CsvRecord}s.</li>
 *   <li>What is fitted on the training data and stored with a model ({@link dev.backprop.data.Preprocessing}):
 *       the {@link dev.backprop.data.LabelMap} from original labels to classes, the CSV
 *       {@link dev.backprop.data.TableSchema} (categories, imputation means), and
 *       {@link dev.backprop.data.FeatureScaler}s (of the features, and of each regression target) fitted from
 *       mergeable {@link dev.backprop.data.ColumnStatistics}.</li>
 *   <li>{@link dev.backprop.data.Block}: a matrix of examples (one per column) with its targets and optional
 *       example weights, built by {@link dev.backprop.data.BlockBuilder} through a
 *       {@link dev.backprop.data.TargetEncoding} and optional {@link dev.backprop.data.ClassWeights}.</li>
 * </ul>
 */
package dev.backprop.data;
