# spaceport as a container image: built from this tree on Debian 12, run from a slim Debian 12
# with the Debian package the build makes (so the image and the .deb hold the same files and
# dependencies), as a non-root user.
#
#   docker build -t spaceport .                        (or: podman build -t spaceport .)
#   docker run --rm -e HEROKU_API_KEY -v "$PWD:/work" spaceport check --plan plan.json --phase preflight
#
# BASE is the Debian 12 image to build on and run from; where registries cannot be reached, import
# a local root (debootstrap --variant=minbase bookworm) and name it (tests/container/test-image).
ARG BASE=debian:12-slim

FROM ${BASE} AS build
COPY scripts/setup /src/scripts/setup
RUN /src/scripts/setup --build-only
COPY . /src
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
 && cmake --build /build \
 && cd /build && cpack -G DEB && mv spaceport_*_amd64.deb /spaceport.deb

FROM ${BASE}
COPY --from=build /spaceport.deb /tmp/spaceport.deb
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/spaceport.deb ca-certificates \
 && rm -rf /var/lib/apt/lists/* /tmp/spaceport.deb \
 && useradd --system --uid 10001 --home-dir /work --create-home spaceport
USER spaceport
WORKDIR /work
ENTRYPOINT ["spaceport"]
CMD ["--help"]
