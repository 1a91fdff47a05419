package io.flopx.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "whoami",
        description = "Who the next call speaks for: username, tenant, roles, the gateway and when the token expires.",
        footer = {"", "Examples:", "  flopx whoami", "  flopx whoami -o json"})
class WhoamiCommand implements Callable<Integer> {

    @Mixin
    Session session;

    record Who(
            String username,
            String tenant,
            java.util.List<String> roles,
            String gateway,
            java.time.Instant expiresAt) {}

    @Override
    public Integer call() {
        Identity id = Identity.of(session.accessToken());
        Who who = new Who(
                id.username(), id.tenant(), id.roles(), session.gateway().toString(), id.expiresAt());
        session.printer()
                .one(
                        who,
                        Columns.of(Who.class)
                                .add("USER", Who::username)
                                .add("TENANT", Who::tenant)
                                .add("ROLES", Who::roles)
                                .add("GATEWAY", Who::gateway)
                                .add("TOKEN EXPIRES", Who::expiresAt));
        return 0;
    }
}
