# preflight in a container: the image runs preflight on the work tree mounted at /src.
#     docker build -t preflight .
#     docker run --rm -v "$PWD:/src" preflight                      # text report of /src
#     docker run --rm -v "$PWD:/src" preflight --format sarif -o preflight.sarif .
# Two stages: Debian 12 with the build dependencies builds a release; the runtime stage is
# Debian 12 slim with git and only the shared libraries that binary links (tools/linked-libs).
# C and C++ need libclang and LLVM (over 100 MB): --build-arg CLANG=enabled builds them in.
FROM debian:12-slim AS build
ARG CLANG=disabled
WORKDIR /src
COPY tools/install-deps tools/
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends ca-certificates binutils python3 \
    && tools/install-deps \
    && rm -rf /var/lib/apt/lists/*
COPY . .
RUN meson setup /build -Dbuildtype=release -Dtests=false -Dclang="$CLANG" \
    && ninja -C /build \
    && meson install -C /build --no-rebuild --destdir /out --quiet \
    && strip --strip-unneeded /out/usr/local/bin/preflight \
    && tools/linked-libs --packages /build/preflight > /out/runtime-packages

FROM debian:12-slim
COPY --from=build /out/runtime-packages /tmp/runtime-packages
# hadolint ignore=DL3008,SC2046
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends git $(cat /tmp/runtime-packages) \
    && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages
COPY --from=build /out/usr/local/ /usr/local/
COPY LICENSE /usr/share/doc/preflight/copyright
# the mounted tree belongs to someone else: let git read it (preflight never lets git run a
# program, docs/ci.md), for whichever user the container runs as
RUN printf '[safe]\n\tdirectory = *\n' > /etc/preflight-gitconfig
ENV GIT_CONFIG_GLOBAL=/etc/preflight-gitconfig
WORKDIR /src
ENTRYPOINT ["preflight"]
CMD ["."]
