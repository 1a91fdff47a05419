#!/usr/bin/env python3
"""Summarises a JFR recording (local-stack/load-test.sh --profile writes one per service)'s CPU samples: the share of samples whose stack passes through each subsystem
(inclusive, so shares overlap), and the top FlopX frames. Usage: jfr-summary.py FILE.jfr [JFR_BIN]"""
import json, subprocess, sys, collections
f = sys.argv[1]
jfr = sys.argv[2] if len(sys.argv) > 2 else 'jfr'
out = subprocess.run([jfr, 'print', '--json', '--stack-depth', '200', '--events', 'jdk.ExecutionSample', f],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)['recording']['events']
groups = [
    ('FlopX code', ('io.flopx.',)),
    ('Hibernate Reactive / ORM', ('org.hibernate.orm', 'org.hibernate.reactive', 'org.hibernate.engine', 'org.hibernate.internal',
                                  'org.hibernate.persister', 'org.hibernate.event', 'org.hibernate.sql', 'org.hibernate.loader')),
    ('Hibernate Validator (bean validation)', ('org.hibernate.validator.',)),
    ('Vert.x SQL client (PostgreSQL)', ('io.vertx.sqlclient', 'io.vertx.pgclient')),
    ('Mutiny', ('io.smallrye.mutiny.',)),
    ('context propagation', ('io.smallrye.context.',)),
    ('OpenTelemetry', ('io.opentelemetry.', 'io.quarkus.opentelemetry.')),
    ('OIDC / JWT verification', ('io.quarkus.oidc.', 'org.jose4j.', 'io.smallrye.jwt.')),
    ('Kafka client', ('org.apache.kafka.',)),
    ('SmallRye Reactive Messaging', ('io.smallrye.reactive.messaging.',)),
    ('Jackson', ('com.fasterxml.jackson.',)),
    ('Quarkus REST / Vert.x HTTP', ('org.jboss.resteasy.reactive.', 'io.quarkus.resteasy.reactive.', 'io.quarkus.vertx.http.')),
    ('REST client', ('io.quarkus.rest.client.', 'org.jboss.resteasy.reactive.client.')),
    ('Micrometer / Prometheus', ('io.micrometer.', 'io.prometheus.')),
    ('logging', ('org.jboss.logmanager.', 'org.jboss.logging.')),
    ('Netty', ('io.netty.',)),
    ('ArC (CDI)', ('io.quarkus.arc.',)),
    ('GC / JIT (no Java frame)', ()),
]
counts = collections.Counter()
flopx = collections.Counter()
threads = collections.Counter()
total = 0
for e in events:
    frames = e['values']['stackTrace']['frames'] if e['values'].get('stackTrace') else []
    names = [fr['method']['type']['name'].replace('/', '.') + '.' + fr['method']['name'] for fr in frames]
    total += 1
    t = e['values'].get('sampledThread') or {}
    tn = (t.get('javaName') or t.get('osName') or '?')
    threads[''.join(c for c in tn if not c.isdigit()).rstrip('-#')] += 1
    seen = set()
    for label, prefixes in groups:
        if prefixes and any(n.startswith(prefixes) for n in names):
            seen.add(label)
    for label in seen:
        counts[label] += 1
    for n in names:
        if n.startswith('io.flopx.'):
            flopx[n] += 1
            break
print(f'{f}: {total} CPU samples')
for label, _ in groups:
    if counts[label]:
        print(f'  {100.0 * counts[label] / total:5.1f} %  {label}')
print('  threads:', ', '.join(f'{k} {100.0 * v / total:.0f} %' for k, v in threads.most_common(6)))
print('  top FlopX frames (innermost FlopX frame of each sample):')
for n, c in flopx.most_common(8):
    print(f'    {100.0 * c / total:5.1f} %  {n}')
