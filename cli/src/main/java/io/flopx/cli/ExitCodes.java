package io.flopx.cli;

import io.flopx.client.Problem;
import io.flopx.client.auth.SignInException;
import io.flopx.client.invoker.ApiException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * flopx's exit codes, stable for scripts: 0 done, 1 the exchange refused (its problem's title, detail and field
 * errors printed readably) or could not be reached, 2 usage (picocli's own for bad options), 3 not signed in.
 */
final class ExitCodes implements IExecutionExceptionHandler {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int NOT_SIGNED_IN = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof NotSignedInException n) {
            err.println(n.getMessage());
            return NOT_SIGNED_IN;
        }
        if (e instanceof SignInException s) {
            err.println("Sign-in failed: " + s.getMessage());
            return NOT_SIGNED_IN;
        }
        if (e instanceof UsageException u) {
            err.println(cmd.getColorScheme().errorText(u.getMessage()));
            err.println("Run `" + cmd.getCommandSpec().qualifiedName() + " --help` for usage.");
            return USAGE;
        }
        if (e instanceof ApiException api) {
            return refused(api, err);
        }
        err.println("flopx: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        return REFUSED;
    }

    private static int refused(ApiException api, PrintWriter err) {
        if (api.getCode() == 0) {
            // The generated client reports a connection failure as code 0, the I/O error as its cause.
            Throwable io = api.getCause() == null ? api : api.getCause();
            err.println("Cannot reach the exchange (--gateway / FLOPX_GATEWAY): "
                    + io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage()));
            return REFUSED;
        }
        Problem problem = Problem.parse(api.getResponseBody()).orElse(null);
        if (api.getCode() == 401) {
            err.println("The exchange did not accept your sign-in (401): run `flopx login` again.");
            return NOT_SIGNED_IN;
        }
        if (problem == null) {
            err.println("The exchange answered " + api.getCode() + ": " + api.getResponseBody());
            return REFUSED;
        }
        // Field errors say it better than the detail that sums them up.
        boolean detail = problem.errors().isEmpty()
                && problem.detail() != null
                && !problem.detail().isBlank();
        err.println(
                "Refused (" + problem.status() + " " + problem.title() + ")" + (detail ? ": " + problem.detail() : ""));
        for (Problem.FieldError field : problem.errors()) {
            err.println("  " + field.field() + ": " + field.message());
        }
        return REFUSED;
    }
}
