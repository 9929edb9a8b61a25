# RouteLens: build with the Swift toolchain, run on a slim Debian with only the system libraries.
FROM swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources Sources
COPY queries queries
RUN swift build -c release --product routelens --static-swift-stdlib \
    && mkdir -p /out \
    && cp .build/release/routelens /out/ \
    && cp -R .build/release/*.resources /out/

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 zlib1g ca-certificates && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 routelens \
    && useradd --system --uid 10001 --gid routelens --home-dir /data --shell /usr/sbin/nologin routelens \
    && mkdir -p /data /logs && chown routelens:routelens /data
# The named reports (queries/*.sql) and openapi.yaml ship as resource bundles beside the binary.
COPY --from=build /out/ /usr/local/bin/
ENV ROUTELENS_DB=/data/routelens.sqlite
# The database (read-write) and the Envoy logs to read (mount read-only).
VOLUME ["/data", "/logs"]
USER routelens:routelens
EXPOSE 9480
# Serves 127.0.0.1 unless told otherwise: in a container give --listen 0.0.0.0:9480 with --token-file
# (or --insecure-no-auth). Every other subcommand runs with `docker run IMAGE routelens …` overriding
# the entrypoint, or as `docker run --entrypoint routelens IMAGE query errors`.
ENTRYPOINT ["routelens", "serve"]
CMD ["--db", "/data/routelens.sqlite", "--listen", "0.0.0.0:9480", "--token-file", "/run/secrets/routelens-token"]
