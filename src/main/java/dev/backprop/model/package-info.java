/**
 * Saving and loading trained networks in a documented, versioned, safe file format: a JSON description and a
 * binary weights file with a SHA-256 checksum. Never Java serialization or Kryo: nothing in a model file is
 * executed or turned into arbitrary classes, and every field is checked on reading.
 *
 * <p>This package reads and writes streams ({@link dev.backprop.model.ModelWriter},
 * {@link dev.backprop.model.ModelReader}); it imports no Spark, Scala or Hadoop classes. Opening the files of a model
 * directory on a local disk, HDFS or S3, and writing them atomically, is done by {@code dev.backprop.spark.ModelStore}.
 *
 * <h2>The model format, versions 1 to 3</h2>
 *
 * <p>A model is a directory holding two files:
 * <pre>
 * my-model/
 *   model.json    the description (UTF-8 JSON)
 *   weights.bin   all parameters, little-endian IEEE 754, nothing else
 * </pre>
 *
 * <h3>{@code model.json}</h3>
 *
 * <p>A model without preprocessing (version 1):
 *
 * <pre>{@code
 * {
 *   "format": "backprop-spark-model",
 *   "version": 1,
 *   "network": {
 *     "layer_sizes": [ 784, 128, 10 ],
 *     "hidden_activation": "relu",
 *     "output": "softmax_cross_entropy"
 *   },
 *   "precision": "float32",
 *   "parameter_count": 101770,
 *   "weights": {
 *     "file": "weights.bin",
 *     "bytes": 407080,
 *     "sha256": "5f0c0b1e8c3f4d7a9e2b6c1d0a4f8e3b7c2d9a1e6f5b4c3d2e1f0a9b8c7d6e5f"
 *   },
 *   "training": {
 *     "train.epochs": 300,
 *     "train.learning_rate": 0.5,
 *     "data.train": "src/data/mnist-10k/train.libsvm.gz",
 *     "test_accuracy": 0.9312
 *   }
 * }
 * }</pre>
 *
 * <p>A classifier of a CSV table with text labels, a categorical column and standardized features (version 2; the
 * regression version has {@code "target_scaling"} and no {@code "labels"}, a LIBSVM model no {@code "table"}):
 *
 * <pre>{@code
 * {
 *   "format": "backprop-spark-model",
 *   "version": 2,
 *   "network": {
 *     "layer_sizes": [ 4, 16, 1 ],
 *     "hidden_activation": "relu",
 *     "output": "sigmoid_binary_cross_entropy"
 *   },
 *   "precision": "float32",
 *   "parameter_count": 97,
 *   "weights": { ... },
 *   "preprocessing": {
 *     "labels": [ "benign", "malignant" ],
 *     "table": {
 *       "label_column": "diagnosis",
 *       "columns": [ "age", "color", "height" ],
 *       "categorical": [ false, true, false ],
 *       "categories": [ [ ], [ "blue", "red" ], [ ] ],
 *       "means": [ 41.25, 0.625, 0.375, 172.5 ]
 *     },
 *     "feature_scaling": {
 *       "offsets": [ 41.25, 0.625, 0.375, 172.5 ],
 *       "scales": [ 12.5, 0.484, 0.484, 9.75 ]
 *     }
 *   },
 *   "training": { ... }
 * }
 * }</pre>
 *
 * <p>A regression with two target columns (version 3; with one target, a regression is version 2 and has
 * {@code "label_column"} and a scalar {@code "offset"} and {@code "scale"}):
 *
 * <pre>{@code
 * {
 *   "format": "backprop-spark-model",
 *   "version": 3,
 *   "network": {
 *     "layer_sizes": [ 3, 16, 2 ],
 *     "hidden_activation": "relu",
 *     "output": "identity_squared_error"
 *   },
 *   ...
 *   "preprocessing": {
 *     "table": {
 *       "label_columns": [ "y1", "y2" ],
 *       "columns": [ "x", "zone" ],
 *       "categorical": [ false, true ],
 *       "categories": [ [ ], [ "north", "south" ] ],
 *       "means": [ 1.5, 0.25, 0.75 ]
 *     },
 *     "target_scaling": {
 *       "offsets": [ -3.25, 1000000.0 ],
 *       "scales": [ 0.5, 25000.0 ]
 *     }
 *   },
 *   "training": { ... }
 * }
 * }</pre>
 *
 * <table>
 *   <caption>Fields of model.json</caption>
 *   <tr><th>field</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code format}</td><td>string</td><td>always {@code "backprop-spark-model"}; anything else is not a
 *       model description</td></tr>
 *   <tr><td>{@code version}</td><td>integer</td><td>the format version, the lowest that holds the model:
 *       {@code 1} for a model without {@code preprocessing}, {@code 2} for one with it, {@code 3} for a regression
 *       with several targets (so that every other model stays readable by older readers); a reader refuses a
 *       version higher than its own, and this one reads 1 to 3</td></tr>
 *   <tr><td>{@code network.layer_sizes}</td><td>array of positive integers</td><td>sizes from input to output: the
 *       number of features, each hidden layer, the number of outputs; at least two</td></tr>
 *   <tr><td>{@code network.hidden_activation}</td><td>string</td><td>the activation of every hidden layer:
 *       {@code sigmoid}, {@code tanh}, {@code relu}, {@code leaky_relu} or {@code identity}
 *       ({@link dev.backprop.nn.Activation#configName()})</td></tr>
 *   <tr><td>{@code network.output}</td><td>string</td><td>the output function with its training loss:
 *       {@code softmax_cross_entropy}, {@code sigmoid_binary_cross_entropy}, {@code identity_squared_error} or
 *       {@code sigmoid_squared_error} ({@link dev.backprop.nn.OutputLoss#configName()})</td></tr>
 *   <tr><td>{@code precision}</td><td>string</td><td>{@code float32} (4 bytes a parameter) or {@code float64}
 *       (8 bytes)</td></tr>
 *   <tr><td>{@code parameter_count}</td><td>integer</td><td>number of parameters; must equal what
 *       {@code layer_sizes} implies, the sum over layers of {@code fan_out * (fan_in + 1)}</td></tr>
 *   <tr><td>{@code weights.file}</td><td>string</td><td>the weights file's name in the same directory, a plain name
 *       (letters, digits, {@code . _ -}; no directory part); {@code weights.bin} when written by this
 *       code</td></tr>
 *   <tr><td>{@code weights.bytes}</td><td>integer</td><td>its length: {@code parameter_count} times 4 or 8</td></tr>
 *   <tr><td>{@code weights.sha256}</td><td>string</td><td>its SHA-256, 64 hex digits (written lowercase)</td></tr>
 *   <tr><td>{@code training}</td><td>object, optional</td><td>training metadata: a flat map from names to strings,
 *       booleans or finite numbers (no nesting, no nulls). Informational only: it does not change what the model
 *       computes. The trainer uses its configuration keys ({@code train.epochs}, {@code train.learning_rate},
 *       {@code train.l2}, {@code train.seed}, {@code data.train}, ...) and the names of its result line
 *       ({@code train_accuracy}, {@code test_accuracy}, {@code final_loss}, ...)</td></tr>
 *   <tr><td>{@code preprocessing}</td><td>object, optional (version 2)</td><td>what turns raw input into the
 *       network's inputs and its outputs into what users see, fitted on the training data
 *       ({@link dev.backprop.data.Preprocessing}); written only when there is some, and then with
 *       {@code "version": 2}. Each of its four fields is optional (left out when there is none)</td></tr>
 *   <tr><td>{@code preprocessing.labels}</td><td>array of strings</td><td>the original label of each class, in
 *       class order: class {@code k} is written back as {@code labels[k]}. Non-blank, without surrounding
 *       whitespace, distinct as {@link dev.backprop.data.LabelMap} compares them ({@code 1} and {@code 1.0} are the
 *       same label). One per output for a {@code softmax_cross_entropy} output (and a multi-output
 *       {@code sigmoid_binary_cross_entropy}), two for a single {@code sigmoid_binary_cross_entropy} output, none
 *       for a regression output. Absent: classes are their indices</td></tr>
 *   <tr><td>{@code preprocessing.table}</td><td>object</td><td>the CSV schema
 *       ({@link dev.backprop.data.TableSchema}); absent for LIBSVM input. With {@code labels}, the label column holds
 *       those labels; without, it holds numbers</td></tr>
 *   <tr><td>{@code preprocessing.table.label_column}</td><td>string</td><td>the label column's name (its header
 *       cell, or {@code _c<index>}); a table has this or {@code label_columns}</td></tr>
 *   <tr><td>{@code preprocessing.table.label_columns}</td><td>array of strings, version 3</td><td>instead of
 *       {@code label_column}, for a regression with several targets: the target columns' names, two or more,
 *       distinct, in output order (output {@code o} predicts column {@code label_columns[o]}); one per network
 *       output. A classification has one label column</td></tr>
 *   <tr><td>{@code preprocessing.table.columns}</td><td>array of strings</td><td>the feature columns' names, in
 *       file order (label and ignored columns left out); at least one</td></tr>
 *   <tr><td>{@code preprocessing.table.categorical}</td><td>array of booleans</td><td>for each column, whether it
 *       is categorical (one-hot encoded)</td></tr>
 *   <tr><td>{@code preprocessing.table.categories}</td><td>array of arrays of strings</td><td>for each column, its
 *       categories in one-hot order (non-blank, distinct); {@code []} for a numeric column. A numeric column is one
 *       feature, a categorical column one feature per category in its place: columns {@code age, color (blue, red),
 *       height} are the features {@code age, color=blue, color=red, height}; their number must be the network's
 *       number of inputs</td></tr>
 *   <tr><td>{@code preprocessing.table.means}</td><td>array of numbers</td><td>the training mean of every feature
 *       (a category's frequency for a one-hot feature), in feature order, which imputes missing cells</td></tr>
 *   <tr><td>{@code preprocessing.feature_scaling.offsets}, {@code .scales}</td><td>arrays of numbers</td><td>one
 *       of each per network input: input {@code j} is {@code (x_j - offsets[j]) / scales[j]}, applied after the
 *       table's encoding and imputation. Scales are positive</td></tr>
 *   <tr><td>{@code preprocessing.target_scaling.offset}, {@code .scale}</td><td>numbers</td><td>a regression
 *       network with one output, trained on {@code (y - offset) / scale}: its prediction {@code p} is
 *       {@code p * scale + offset} on the original scale. The scale is positive</td></tr>
 *   <tr><td>{@code preprocessing.target_scaling.offsets}, {@code .scales}</td><td>arrays of numbers, version
 *       3</td><td>instead of {@code offset} and {@code scale}, for a regression with several targets: one of each
 *       per network output (two or more), output {@code o} trained on {@code (y_o - offsets[o]) / scales[o]} and
 *       its prediction {@code p_o} being {@code p_o * scales[o] + offsets[o]} on the original scale. Scales are
 *       positive</td></tr>
 * </table>
 *
 * <p>Numbers are finite doubles. They are written as {@link java.lang.Double#toString} writes them, a decimal that
 * reads back to the same double, so every value (subnormals and {@code -0.0} included) round-trips exactly.
 *
 * <h3>{@code weights.bin}</h3>
 *
 * <p>Exactly {@code parameter_count} values, each a little-endian IEEE 754 binary32 ({@code float32}) or binary64
 * ({@code float64}), in the order of {@link dev.backprop.nn.ParameterLayout}: for each affine layer
 * {@code l = 1, 2, ...} from the input on, first its weight matrix {@code W_l} ({@code fan_out x fan_in}, stored
 * column by column, so element {@code (r, c)} is at {@code r + c * fan_out}), then its bias {@code b_l}
 * ({@code fan_out} values). Layer {@code l} computes {@code z_l = W_l h_(l-1) + b_l}. No header, no padding, no
 * trailer. In numpy: {@code np.fromfile("weights.bin", dtype="<f4")} (or {@code "<f8"}).
 *
 * <h3>What a reader checks</h3>
 *
 * <ul>
 *   <li>{@code model.json} is one well-formed JSON object (no duplicate keys, no trailing content, no {@code NaN});
 *       {@code format} is right and {@code version} is not newer than the reader's;</li>
 *   <li>every field above is present (except {@code training} and {@code preprocessing}, and the parts of
 *       {@code preprocessing}) with its type; the names of the activation, output and precision are known; sizes,
 *       count and byte length agree;</li>
 *   <li>{@code preprocessing} appears only with {@code "version": 2} or higher, and {@code label_columns},
 *       {@code offsets} and {@code scales} of the target scaling only with {@code "version": 3}; it fits the
 *       network: the number of labels, the table's features, its label columns (one per regression output) and the
 *       scalers' columns as the fields above say; scales positive; no number beyond the range of a double;</li>
 *   <li>{@code weights.bin} has exactly {@code weights.bytes} bytes and the SHA-256 {@code weights.sha256};</li>
 *   <li>every parameter is finite.</li>
 * </ul>
 * Anything else is refused with a {@link dev.backprop.model.ModelFormatException} whose message names the file and
 * the problem, for a field by its path (for example
 * {@code model.json: field "preprocessing.feature_scaling.scales[3]" must be a positive number}). A writer refuses a
 * model with non-finite parameters, and one whose preprocessing does not fit its network.
 *
 * <h3>Versions and later fields</h3>
 *
 * <p>A reader ignores fields it does not know, at the top level and inside the objects above, so that fields which
 * only add information (more metadata, provenance) can be added without a new version. A change that an older
 * reader must not ignore, because the model would compute something else without it, raises {@code version}; readers
 * of a version accept every lower version. Version 2 added {@code preprocessing} (feature and target scaling, label
 * mappings, categorical columns); a version-1 file with a {@code preprocessing} field is refused, and a version-2
 * file without one is a model without preprocessing. Version 3 added several regression targets (the table's
 * {@code label_columns} and the per-target {@code offsets} and {@code scales} of the target scaling), which a
 * version-2 reader would misread or refuse with a confusing message; a version-2 file with those fields is refused.
 * Writers write the lowest version that holds the model, so a model without preprocessing is a version-1 file, byte
 * for byte as version-1 writers wrote it, and a model of one target a version-2 file, byte for byte as version-2
 * writers wrote it.
 *
 * <h3>Atomic writes</h3>
 *
 * <p>{@code ModelStore} writes both files into a temporary sibling directory {@code <dir>.tmp-<random>} and renames
 * it to {@code <dir>}, so a model directory is either complete or absent. It refuses an existing directory unless
 * asked to overwrite, and even then only one that holds a {@code model.json}.
 */
package dev.backprop.model;
