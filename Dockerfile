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
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 zlib1g && rm -rf /var/lib/apt/lists/*
# The named reports (queries/*.sql) ship as a resource bundle beside the binary.
COPY --from=build /out/ /usr/local/bin/
ENV ROUTELENS_DB=/data/routelens.sqlite
VOLUME /data
ENTRYPOINT ["routelens"]
CMD ["--help"]
