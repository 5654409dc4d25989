#!/bin/sh
# ctest "packaging.deb": builds the Debian package with CPack into a scratch directory, checks its control data
# and contents, unpacks it with dpkg-deb -x and runs both programs from the unpacked tree (offscreen), then
# validates the desktop integration files (desktop-file-validate, appstreamcli, update-mime-database).
#   check-deb.sh <build-dir> <cpack> <version> <gui: ON|OFF>
# Needs dpkg-dev, desktop-file-utils, appstream and shared-mime-info (packaging/bootstrap.sh installs them).
set -eu
build=$1 cpack=$2 version=$3 gui=$4

fail() { echo "check-deb: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps gzip; do
  command -v "$tool" >/dev/null || fail "$tool is missing (Debian package dpkg-dev; packaging/bootstrap.sh test installs it)"
done
if [ "$gui" = ON ]; then
  for tool in desktop-file-validate appstreamcli update-mime-database; do
    command -v "$tool" >/dev/null ||
      fail "$tool is missing (desktop-file-utils, appstream, shared-mime-info; packaging/bootstrap.sh test installs them)"
  done
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== cpack -G DEB"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log"; fail "cpack failed"; }
deb=$(ls "$scratch"/out/bcos-studio_"$version"_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { ls -R "$scratch/out"; fail "no bcos-studio_${version}_<arch>.deb produced"; }
echo "   $(basename "$deb") $(du -k "$deb" | cut -f1) kB"

echo "== control fields"
dpkg-deb -f "$deb" Package Version Architecture Section Depends
[ "$(dpkg-deb -f "$deb" Package)" = bcos-studio ] || fail "Package is not bcos-studio"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
# dpkg-shlibdeps must have found the libraries the programs link (LibTorch, libc; OpenCV and Qt with the studio).
libraries="libc6 libtorch"
[ "$gui" = ON ] && libraries="$libraries libopencv-imgcodecs libqt6widgets6"
for library in $libraries; do
  echo "$depends" | grep -q "$library" || fail "Depends lacks $library (dpkg-shlibdeps): $depends"
done

echo "== contents"
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
expect() { [ -s "$root/$1" ] || fail "the package lacks /$1"; }
expect usr/bin/bcos
expect usr/share/man/man1/bcos.1.gz
gzip -t "$root/usr/share/man/man1/bcos.1.gz"
for section in NAME SYNOPSIS COMMANDS "EXIT STATUS"; do
  gzip -dc "$root/usr/share/man/man1/bcos.1.gz" | grep -q "^\.SH $section" || fail "bcos.1 lacks section $section"
done
for command in inspect convert predict explain localize evaluate train doctor; do
  gzip -dc "$root/usr/share/man/man1/bcos.1.gz" | grep -q "^\.SS $command" || fail "bcos.1 lacks command $command"
done
if [ "$gui" = ON ]; then
  app=io.github.bcos_studio.BcosStudio
  for file in usr/bin/bcos-studio usr/share/man/man1/bcos-studio.1.gz \
              usr/share/applications/$app.desktop usr/share/metainfo/$app.metainfo.xml \
              usr/share/mime/packages/bcos-studio.xml usr/share/icons/hicolor/scalable/apps/$app.svg \
              usr/share/bcos-studio/demo/fashion-mnist-densenet.safetensors \
              usr/share/bcos-studio/demo/fashion-mnist-densenet.json \
              usr/share/bcos-studio/demo/fashion-mnist-densenet-bcos.safetensors \
              usr/share/doc/bcos-studio/README.md usr/share/doc/bcos-studio/cli.md usr/share/doc/bcos-studio/copyright; do
    expect "$file"
  done
fi
# Stripped programs (CPACK_STRIP_FILES): no debug sections in the package.
for program in "$root"/usr/bin/*; do
  if LC_ALL=C readelf -S "$program" 2>/dev/null | grep -q '\.debug_info'; then fail "$program is not stripped"; fi
done

export LD_LIBRARY_PATH="$root/usr/lib:$root/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/config" XDG_CACHE_HOME="$scratch/home/cache"
unset BCOS_DEMO_MODEL || true
mkdir -p "$HOME"

echo "== bcos --version"
"$root/usr/bin/bcos" --version | tee "$scratch/bcos-version"
[ "$(head -n 1 "$scratch/bcos-version")" = "bcos $version" ] || fail "bcos --version does not start with 'bcos $version'"

if [ "$gui" = ON ]; then
  echo "== bcos-studio --version"
  QT_QPA_PLATFORM=offscreen "$root/usr/bin/bcos-studio" --version | tee "$scratch/studio-version"
  [ "$(head -n 1 "$scratch/studio-version")" = "B-cos Studio $version" ] || fail "bcos-studio --version: wrong first line"

  echo "== bcos-studio --demo --quit-after-ms (offscreen, the installed demo model)"
  QT_QPA_PLATFORM=offscreen LC_ALL=C "$root/usr/bin/bcos-studio" --demo --quit-after-ms 6000 >"$scratch/studio.log" 2>&1 ||
    { cat "$scratch/studio.log"; fail "bcos-studio exited with an error"; }
  cat "$scratch/studio.log"
  grep -q "Loaded model $root/usr/share/bcos-studio/demo/fashion-mnist-densenet.safetensors (densenet, 10 classes" \
    "$scratch/studio.log" || fail "the studio did not load the installed demo model"

  echo "== desktop-file-validate, appstreamcli validate, update-mime-database"
  desktop-file-validate "$root/usr/share/applications/$app.desktop"
  appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/$app.metainfo.xml"
  mkdir -p "$scratch/mime/packages"
  cp /usr/share/mime/packages/freedesktop.org.xml "$root/usr/share/mime/packages/bcos-studio.xml" "$scratch/mime/packages/"
  XDG_DATA_HOME="$scratch" update-mime-database "$scratch/mime"
  [ -f "$scratch/mime/application/x-bcos-model.xml" ] || fail "update-mime-database did not register application/x-bcos-model"
fi
echo "== package OK"
