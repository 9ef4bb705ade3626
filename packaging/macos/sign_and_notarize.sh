#!/usr/bin/env bash
# Sign NetView.app, or sign + notarise + staple the .dmg. Skips cleanly (exit 0) when the
# secrets are not set, e.g. on forks and pull requests: the build then ships unsigned.
#
#   packaging/macos/sign_and_notarize.sh sign dist/NetView.app
#   packaging/macos/sign_and_notarize.sh notarize dist/NetView-0.1.0.dmg
#
# Signing:      MACOS_CERTIFICATE (base64 of a Developer ID Application .p12),
#               MACOS_CERTIFICATE_PASSWORD, MACOS_SIGNING_IDENTITY ("Developer ID Application: …")
# Notarising:   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (an app-specific password)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
action="${1:?usage: $0 sign APP | notarize DMG}"
target="${2:?usage: $0 sign APP | notarize DMG}"

have_signing() {
    [[ -n "${MACOS_CERTIFICATE:-}" && -n "${MACOS_CERTIFICATE_PASSWORD:-}" && -n "${MACOS_SIGNING_IDENTITY:-}" ]]
}

have_notarizing() {
    [[ -n "${APPLE_ID:-}" && -n "${APPLE_TEAM_ID:-}" && -n "${APPLE_APP_PASSWORD:-}" ]]
}

import_certificate() {
    # A throw-away keychain, so the runner's login keychain is never touched.
    keychain="$RUNNER_TEMP/netview-signing.keychain-db"
    keychain_password="$(uuidgen)"
    certificate="$RUNNER_TEMP/netview-certificate.p12"
    printf '%s' "$MACOS_CERTIFICATE" | base64 --decode > "$certificate"
    security create-keychain -p "$keychain_password" "$keychain"
    security set-keychain-settings -lut 21600 "$keychain"
    security unlock-keychain -p "$keychain_password" "$keychain"
    security import "$certificate" -P "$MACOS_CERTIFICATE_PASSWORD" -A -t cert -f pkcs12 -k "$keychain"
    security set-key-partition-list -S apple-tool:,apple: -s -k "$keychain_password" "$keychain" > /dev/null
    # shellcheck disable=SC2046  # one word per existing keychain is what is wanted
    security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
    rm -f "$certificate"
}

case "$action" in
    sign)
        if ! have_signing; then
            echo "macOS signing skipped: MACOS_CERTIFICATE / MACOS_CERTIFICATE_PASSWORD / MACOS_SIGNING_IDENTITY not set"
            exit 0
        fi
        RUNNER_TEMP="${RUNNER_TEMP:-$(mktemp -d)}"
        import_certificate
        # Hardened runtime (--options runtime) and a secure timestamp are what notarisation needs.
        codesign --force --deep --timestamp --options runtime \
            --entitlements "$here/entitlements.plist" \
            --sign "$MACOS_SIGNING_IDENTITY" "$target"
        codesign --verify --deep --strict --verbose=2 "$target"
        echo "signed $target"
        ;;
    notarize)
        if ! have_signing || ! have_notarizing; then
            echo "macOS notarisation skipped: signing or APPLE_ID / APPLE_TEAM_ID / APPLE_APP_PASSWORD not set"
            exit 0
        fi
        RUNNER_TEMP="${RUNNER_TEMP:-$(mktemp -d)}"
        codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$target"
        xcrun notarytool submit "$target" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
            --password "$APPLE_APP_PASSWORD" --wait
        xcrun stapler staple "$target"
        echo "notarised and stapled $target"
        ;;
    *)
        echo "usage: $0 sign APP | notarize DMG" >&2
        exit 2
        ;;
esac
