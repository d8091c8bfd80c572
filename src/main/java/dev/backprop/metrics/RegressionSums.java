package dev.backprop.metrics;

import dev.backprop.tensor.Matrix;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What regression metrics sum over examples, per output: the squared and absolute errors, and the count, mean and
 * sum of squared deviations (M2) of the targets, all on the original scale (values pass through a
 * {@link TargetUnscaler} first). The targets' mean and M2 follow Welford's update (on the targets shifted by the
 * first one) within a partition and Chan et al.'s formula between partitions, so that the total sum of squares
 * behind R^2 keeps its precision where the targets' mean is large against their spread (where
 * {@code sum t^2 - n mean^2} cancels to nothing). Merge partitions in
 * partition order for a result that is the same to the bit whichever task finishes first.
 *
 * <p>The metrics follow scikit-learn: {@code rmse(o) = sqrt(SSE_o / n)}, {@code mae(o) = SAE_o / n},
 * {@code r2(o) = 1 - SSE_o / SST_o} with {@code SST_o = M2_o}; for constant targets ({@code SST_o = 0}) R^2 is 1
 * when the predictions are exact and 0 otherwise ({@code r2_score}'s {@code force_finite=True}). The averages
 * {@link #rmse()}, {@link #mae()} and {@link #r2()} are plain means over outputs ({@code multioutput=
 * 'uniform_average'}; for RMSE the mean of the per-output RMSEs, as {@code root_mean_squared_error}). Without
 * examples every metric is NaN.
 */
public final class RegressionSums {

    private final int outputs;
    private long count;
    /** Per output, the first target these sums saw: the targets are summed as {@code t - shift}. */
    private final double[] shift;
    private final double[] shiftedMean;
    private final double[] targetM2;
    private final double[] squaredError;
    private final double[] absoluteError;

    /** Empty sums for {@code outputs} outputs. */
    public RegressionSums(int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("regression needs at least 1 output, got " + outputs);
        }
        this.outputs = outputs;
        shift = new double[outputs];
        shiftedMean = new double[outputs];
        targetM2 = new double[outputs];
        squaredError = new double[outputs];
        absoluteError = new double[outputs];
    }

    /**
     * Adds a block: {@code predicted} and {@code targets} are outputs x n, one example per column, on the scale the
     * network was trained on; {@code unscaler} brings both to the original scale first.
     */
    public void add(Matrix predicted, Matrix targets, TargetUnscaler unscaler) {
        if (predicted.rows() != outputs || targets.rows() != outputs || predicted.cols() != targets.cols()) {
            throw new IllegalArgumentException("predictions " + predicted.shape() + " and targets " + targets.shape()
                    + " do not fit " + outputs + " outputs");
        }
        double[] p = new double[outputs];
        double[] t = new double[outputs];
        for (int j = 0; j < predicted.cols(); j++) {
            for (int o = 0; o < outputs; o++) {
                p[o] = unscaler.unscale(o, predicted.get(o, j));
                t[o] = unscaler.unscale(o, targets.get(o, j));
            }
            add(p, t);
        }
    }

    /**
     * Adds one example, already on the original scale: its prediction and target per output. Welford's update runs
     * on the target minus the first target seen, which keeps the targets' M2 exact to rounding even when their
     * mean is many orders of magnitude above their spread.
     */
    public void add(double[] predicted, double[] target) {
        if (predicted.length != outputs || target.length != outputs) {
            throw new IllegalArgumentException("an example of " + outputs + " outputs, given " + predicted.length
                    + " predictions and " + target.length + " targets");
        }
        if (count == 0) {
            System.arraycopy(target, 0, shift, 0, outputs);
        }
        count++;
        for (int o = 0; o < outputs; o++) {
            double e = predicted[o] - target[o];
            squaredError[o] += e * e;
            absoluteError[o] += Math.abs(e);
            double shifted = target[o] - shift[o];
            double delta = shifted - shiftedMean[o];
            shiftedMean[o] += delta / count;
            targetM2[o] += delta * (shifted - shiftedMean[o]);
        }
    }

    /** Adds {@code other} into this one (Chan et al.'s merge of the targets' mean and M2). */
    public void merge(RegressionSums other) {
        if (other.outputs != outputs) {
            throw new IllegalArgumentException("cannot merge regression sums of " + outputs + " and "
                    + other.outputs + " outputs");
        }
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            System.arraycopy(other.shift, 0, shift, 0, outputs);
        }
        long n = count + other.count;
        for (int o = 0; o < outputs; o++) {
            // The shifts are close when the targets' mean dwarfs their spread: their difference is then exact.
            double delta = (other.shift[o] - shift[o]) + (other.shiftedMean[o] - shiftedMean[o]);
            shiftedMean[o] += delta * ((double) other.count / n);
            targetM2[o] += other.targetM2[o] + delta * delta * ((double) count * other.count / n);
            squaredError[o] += other.squaredError[o];
            absoluteError[o] += other.absoluteError[o];
        }
        count = n;
    }

    /** Writes the sums, every double by its bits, for {@link #readFrom}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(outputs);
        out.writeLong(count);
        for (int o = 0; o < outputs; o++) {
            out.writeDouble(shift[o]);
            out.writeDouble(shiftedMean[o]);
            out.writeDouble(targetM2[o]);
            out.writeDouble(squaredError[o]);
            out.writeDouble(absoluteError[o]);
        }
    }

    /** Reads sums that {@link #writeTo} wrote. */
    public static RegressionSums readFrom(DataInput in) throws IOException {
        int outputs = in.readInt();
        long count = in.readLong();
        if (outputs < 1 || count < 0) {
            throw new IOException("regression sums of " + outputs + " outputs and " + count + " examples");
        }
        RegressionSums sums = new RegressionSums(outputs);
        sums.count = count;
        for (int o = 0; o < outputs; o++) {
            sums.shift[o] = in.readDouble();
            sums.shiftedMean[o] = in.readDouble();
            sums.targetM2[o] = in.readDouble();
            sums.squaredError[o] = in.readDouble();
            sums.absoluteError[o] = in.readDouble();
        }
        return sums;
    }

    public int outputs() {
        return outputs;
    }

    /** Examples added. */
    public long count() {
        return count;
    }

    /** Mean of the targets of output {@code o}. */
    public double targetMean(int o) {
        return shift[o] + shiftedMean[o];
    }

    /** Sum of squared deviations of the targets of output {@code o} from their mean: SST. */
    public double targetM2(int o) {
        return targetM2[o];
    }

    /** Sum of squared errors of output {@code o}: SSE. */
    public double squaredError(int o) {
        return squaredError[o];
    }

    /** Sum of absolute errors of output {@code o}. */
    public double absoluteError(int o) {
        return absoluteError[o];
    }

    public double rmse(int o) {
        return Math.sqrt(squaredError[o] / count);
    }

    public double mae(int o) {
        return absoluteError[o] / count;
    }

    /** Coefficient of determination of output {@code o}: 1 - SSE/SST; for constant targets 1 if exact, else 0. */
    public double r2(int o) {
        if (count == 0) {
            return Double.NaN;
        }
        if (targetM2[o] == 0) {
            return squaredError[o] == 0 ? 1 : 0;
        }
        return 1 - squaredError[o] / targetM2[o];
    }

    /** Mean over outputs of the per-output RMSE. */
    public double rmse() {
        double sum = 0;
        for (int o = 0; o < outputs; o++) {
            sum += rmse(o);
        }
        return sum / outputs;
    }

    /** Mean over outputs of the per-output MAE (the MAE over all outputs of all examples). */
    public double mae() {
        double sum = 0;
        for (int o = 0; o < outputs; o++) {
            sum += mae(o);
        }
        return sum / outputs;
    }

    /** Mean over outputs of the per-output R^2. */
    public double r2() {
        double sum = 0;
        for (int o = 0; o < outputs; o++) {
            sum += r2(o);
        }
        return sum / outputs;
    }
}
