# spaceport as a container image: built from this tree on Debian 12, run from Debian 12 with the
# Debian package the build makes (so the image and the .deb hold the same files and dependencies,
# and the runtime holds nothing else), as a non-root user.
#
#   docker build --build-arg COMMIT=$(git rev-parse HEAD) --build-arg VERSION=0.2.0 -t spaceport .
#   docker run --rm -e HEROKU_API_KEY -v "$PWD:/work" spaceport check --plan plan.json --phase preflight
#
# Stages: `build` compiles and packages; `runtime` (the default, what the release workflow
# publishes) installs that package. `runtime-from-deb` installs a spaceport.deb found in the build
# context instead, so a .deb already built and tested becomes an image without compiling again
# (tests/container/test-image). BASE is the Debian 12 image to build on and run from; where
# registries cannot be reached, import a local root (debootstrap --variant=minbase bookworm).
ARG BASE=debian:12-slim

FROM ${BASE} AS build
ARG COMMIT=unknown
COPY scripts/setup /src/scripts/setup
RUN /src/scripts/setup --build-only
COPY . /src
# .git stays out of the context: the commit comes in as a build argument.
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
      -DSPACEPORT_BUILD_COMMIT=${COMMIT} \
 && cmake --build /build \
 && cd /build && cpack -G DEB \
 && mv "spaceport_$(sed -n 's/^project(spaceport VERSION \([0-9.]*\).*/\1/p' /src/CMakeLists.txt)_$(dpkg --print-architecture).deb" /spaceport.deb

FROM ${BASE} AS runtime-base
ARG VERSION=unknown
ARG COMMIT=unknown
ARG CREATED=unknown
ARG SOURCE=https://github.com/spaceport-dev/spaceport
LABEL org.opencontainers.image.title="spaceport" \
      org.opencontainers.image.description="audits and verifies the move of Heroku apps into a Private Space" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${COMMIT}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0"
RUN useradd --system --uid 10001 --home-dir /work --create-home spaceport
WORKDIR /work
ENTRYPOINT ["spaceport"]
CMD ["--help"]

FROM runtime-base AS runtime-from-deb
COPY spaceport.deb /tmp/spaceport.deb
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/spaceport.deb ca-certificates \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /tmp/spaceport.deb
USER spaceport

FROM runtime-base AS runtime
COPY --from=build /spaceport.deb /tmp/spaceport.deb
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/spaceport.deb ca-certificates \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /tmp/spaceport.deb
USER spaceport
