package dev.backprop.cli;

import dev.backprop.cli.SeedExample.Arguments;
import dev.backprop.cli.SeedExample.NodeRow;
import dev.backprop.cli.SeedExample.Result;

import java.io.PrintStream;
import java.util.List;

/** The human-readable part of the seed example's output: the lines above its JSON line. Numbers at full precision. */
final class SeedExampleTable {

    private static final String ROW = "  %3s  %-9s %-14s %-15s %s%n";

    private SeedExampleTable() {
    }

    static void print(Result r, PrintStream out) {
        Arguments a = r.arguments();
        out.println("Worked example (DESIGN.md section 1): one tape of 1x1 nodes in double precision");
        out.println("  z = w x + b,  y = sigmoid(z),  L = 1/2 (y - t)^2,  R = 1/2 w^2,  L_reg = L + lambda R");
        out.printf("  w=%s b=%s x=%s t=%s lambda=%s alpha=%s%n", a.w(), a.b(), a.x(), a.t(), a.lambda(), a.alpha());
        out.println();
        out.println("Forward pass, in tape order (parents before children):");
        out.printf(ROW, "#", "node", "kind", "computes", "value");
        for (NodeRow row : r.nodes()) {
            out.printf(ROW, row.index(), row.name(), row.kind(), row.formula(), row.value());
        }
        out.println();
        out.println("Backward pass, in reverse tape order: gradient dL_reg/d(node), seeded with 1 at L_reg:");
        out.printf(ROW, "#", "node", "kind", "computes", "gradient");
        List<NodeRow> nodes = r.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeRow row = nodes.get(i);
            Object gradient = row.gradient() == null ? "none: an input needs no gradient (skipped)" : row.gradient();
            out.printf(ROW, row.index(), row.name(), row.kind(), row.formula(), gradient);
        }
        out.println();
        out.println("Closed form beside backprop:");
        out.printf("  %-46s %-24s %-24s %s%n", "", "closed form", "backprop", "|difference|");
        out.printf("  %-46s %-24s %-24s %s%n", "dL_reg/dw = (y - t) sigmoid'(z) x + lambda w",
                r.dwClosedForm(), r.dw(), Math.abs(r.dwClosedForm() - r.dw()));
        out.printf("  %-46s %-24s %-24s %s%n", "dL_reg/db = (y - t) sigmoid'(z)",
                r.dbClosedForm(), r.db(), Math.abs(r.dbClosedForm() - r.db()));
        out.println();
        out.printf("One gradient-descent step with alpha = %s:%n", a.alpha());
        out.printf("  w_next = w - alpha dw = %s - %s * (%s) = %s%n", a.w(), a.alpha(), r.dw(), r.wNext());
        out.printf("  b_next = b - alpha db = %s - %s * (%s) = %s%n", a.b(), a.alpha(), r.db(), r.bNext());
        out.println();
    }
}
