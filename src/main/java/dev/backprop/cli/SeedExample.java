package dev.backprop.cli;

import dev.backprop.autodiff.Graph;
import dev.backprop.autodiff.Node;
import dev.backprop.autodiff.ops.Add;
import dev.backprop.autodiff.ops.MatMul;
import dev.backprop.autodiff.ops.Scale;
import dev.backprop.autodiff.ops.Sigmoid;
import dev.backprop.loss.L2Regularizer;
import dev.backprop.loss.SquaredError;
import dev.backprop.tensor.Matrix;
import dev.backprop.tensor.Precision;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The worked example of DESIGN.md section 1, run through the engine: {@code z = w x + b}, {@code y = sigmoid(z)},
 * {@code L = 1/2 (y - t)^2}, {@code R = 1/2 w^2}, {@code L_reg = L + lambda R}, as a {@link Graph} of 1x1 nodes in
 * double precision. It runs forward and backward from {@code L_reg}, sets backprop's gradients beside the closed
 * forms {@code dL_reg/dw = (y - t) sigmoid'(z) x + lambda w} and {@code dL_reg/db = (y - t) sigmoid'(z)}, and takes
 * one gradient-descent step. Prints a table, then one JSON line (the {@link Result#jsonValues()}).
 *
 * <p>Usage: {@code jobs/seed-example.sh [w=0.5] [b=-1] [x=2] [t=1] [lambda=0.1] [alpha=0.5]}.
 */
public final class SeedExample {

    /** The argument keys, in the order they appear in usage and in the JSON line. */
    public static final List<String> KEYS = List.of("w", "b", "x", "t", "lambda", "alpha");

    private static final Precision DOUBLE = Precision.DOUBLE;

    /** The example's numbers: weight, bias, input, target, regularization strength and learning rate. */
    public record Arguments(double w, double b, double x, double t, double lambda, double alpha) {

        public static final Arguments DEFAULTS = new Arguments(0.5, -1, 2, 1, 0.1, 0.5);

        /** Parses {@code key=value} words over {@link #DEFAULTS}; throws {@link UsageException} naming the key. */
        public static Arguments parse(String[] args) {
            KeyValueArgs kv = KeyValueArgs.parse(args, KEYS);
            return new Arguments(kv.finiteDouble("w", DEFAULTS.w), kv.finiteDouble("b", DEFAULTS.b),
                    kv.finiteDouble("x", DEFAULTS.x), kv.finiteDouble("t", DEFAULTS.t),
                    kv.finiteDouble("lambda", DEFAULTS.lambda), kv.finiteDouble("alpha", DEFAULTS.alpha));
        }
    }

    /**
     * One node of the tape after forward and backward: its position, name, kind (parameter, input, or the op's
     * name), what it computes, its value, and {@code dL_reg/dnode}, which is null for a node that needs no
     * gradient (the inputs x and t).
     */
    public record NodeRow(int index, String name, String kind, String formula, double value, Double gradient) {
    }

    /** Everything the example computes; {@code loss} is the regularized {@code L_reg}. */
    public record Result(Arguments arguments, double z, double y, double loss, double dw, double db,
                         double dwClosedForm, double dbClosedForm, double wNext, double bNext, List<NodeRow> nodes) {

        public Result {
            nodes = List.copyOf(nodes);
        }

        /** The values of the JSON line, in its order: the six arguments, then the results. */
        public Map<String, Double> jsonValues() {
            Map<String, Double> values = new LinkedHashMap<>();
            Arguments a = arguments;
            values.put("w", a.w());
            values.put("b", a.b());
            values.put("x", a.x());
            values.put("t", a.t());
            values.put("lambda", a.lambda());
            values.put("alpha", a.alpha());
            values.put("z", z);
            values.put("y", y);
            values.put("loss", loss);
            values.put("dw", dw);
            values.put("db", db);
            values.put("dw_closed_form", dwClosedForm);
            values.put("db_closed_form", dbClosedForm);
            values.put("w_next", wNext);
            values.put("b_next", bNext);
            return values;
        }

        /** Throws {@link UsageException} naming the first value that overflowed (JSON has no infinity or NaN). */
        public void requireFinite() {
            jsonValues().forEach((key, value) -> {
                if (!Double.isFinite(value)) {
                    throw new UsageException("these arguments make " + key + " = " + value
                            + ", which is not finite; use smaller magnitudes");
                }
            });
        }

        /** The JSON line (without a line terminator). */
        public String jsonLine() {
            JsonLine line = new JsonLine();
            jsonValues().forEach(line::add);
            return line.toString();
        }
    }

    private SeedExample() {
    }

    /** Builds the graph, runs forward and backward from {@code L_reg}, and takes one gradient-descent step. */
    public static Result compute(Arguments a) {
        Graph graph = new Graph(DOUBLE);
        Matrix dwBuffer = Matrix.zeros(DOUBLE, 1, 1);
        Matrix dbBuffer = Matrix.zeros(DOUBLE, 1, 1);
        Node w = graph.parameter("w", Matrix.scalar(DOUBLE, a.w()), dwBuffer);
        Node b = graph.parameter("b", Matrix.scalar(DOUBLE, a.b()), dbBuffer);
        Node x = graph.input("x", Matrix.scalar(DOUBLE, a.x()));
        Node t = graph.input("t", Matrix.scalar(DOUBLE, a.t()));
        Node wx = graph.apply("wx", new MatMul(), w, x);
        Node z = graph.apply("z", new Add(), wx, b);
        Node y = graph.apply("y", new Sigmoid(), z);
        Node loss = graph.apply("L", new SquaredError(), y, t);
        Node r = graph.apply("R", new L2Regularizer(), w);
        Node lambdaR = graph.apply("lambda_R", new Scale(a.lambda()), r);
        Node lossReg = graph.apply("L_reg", new Add(), loss, lambdaR);

        double lossValue = graph.forwardBackward(lossReg);
        double dw = dwBuffer.get(0);
        double db = dbBuffer.get(0);
        return new Result(a, scalar(z), scalar(y), lossValue, dw, db, closedFormDw(a), closedFormDb(a),
                a.w() - a.alpha() * dw, a.b() - a.alpha() * db, rows(graph));
    }

    /** {@code dL_reg/dw = (y - t) sigmoid'(z) x + lambda w}, with {@code sigmoid'(z) = y (1 - y)}. */
    public static double closedFormDw(Arguments a) {
        return closedFormDb(a) * a.x() + a.lambda() * a.w();
    }

    /** {@code dL_reg/db = (y - t) sigmoid'(z)}, with {@code sigmoid'(z) = y (1 - y)}. */
    public static double closedFormDb(Arguments a) {
        double y = Sigmoid.sigmoid(a.w() * a.x() + a.b());
        return (y - a.t()) * y * (1 - y);
    }

    /**
     * Parses {@code args}, computes, prints the table and the JSON line to {@code out}; returns the exit code.
     * Errors go to {@code err}: bad usage gives {@link ExitCodes#USAGE} and prints nothing to {@code out}.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
                out.println(usage());
                return ExitCodes.SUCCESS;
            }
            Result result = compute(Arguments.parse(args));
            result.requireFinite();
            SeedExampleTable.print(result, out);
            out.println(result.jsonLine());
            out.flush();
            return ExitCodes.SUCCESS;
        } catch (UsageException e) {
            err.println("seed-example: " + e.getMessage());
            err.println(usage());
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            err.println("seed-example: failed: " + e);
            e.printStackTrace(err);
            return ExitCodes.FAILURE;
        }
    }

    /** One line of usage, with the defaults. */
    public static String usage() {
        Arguments d = Arguments.DEFAULTS;
        return "usage: jobs/seed-example.sh [w=" + d.w() + "] [b=" + d.b() + "] [x=" + d.x() + "] [t=" + d.t()
                + "] [lambda=" + d.lambda() + "] [alpha=" + d.alpha() + "]   (any subset, any order)";
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    private static double scalar(Node node) {
        return node.value().get(0);
    }

    private static List<NodeRow> rows(Graph graph) {
        List<NodeRow> rows = new ArrayList<>();
        for (Node node : graph.nodes()) {
            String kind = node.op() == null ? node.kind().name().toLowerCase(Locale.ROOT) : node.op().name();
            Double gradient = node.grad() == null ? null : node.grad().get(0);
            rows.add(new NodeRow(node.index(), node.name(), kind, formula(node.name()), scalar(node), gradient));
        }
        return rows;
    }

    private static String formula(String name) {
        return switch (name) {
            case "w" -> "weight";
            case "b" -> "bias";
            case "x" -> "example";
            case "t" -> "target";
            case "wx" -> "w x";
            case "z" -> "wx + b";
            case "y" -> "sigmoid(z)";
            case "L" -> "1/2 (y - t)^2";
            case "R" -> "1/2 w^2";
            case "lambda_R" -> "lambda R";
            case "L_reg" -> "L + lambda R";
            default -> throw new IllegalStateException("no formula for node " + name);
        };
    }
}
