# Authenticode-sign NetView's executables (the bundle before Inno Setup, the installer after).
# Skips cleanly (exit 0) when the secrets are not set, e.g. on forks and pull requests: the build
# then ships unsigned and SmartScreen shows "Windows protected your PC" (see packaging/README.md).
#
#   pwsh packaging/windows/sign.ps1 dist/netview/netview.exe dist/netview/netview-cli.exe
#
# WINDOWS_CERTIFICATE:          base64 of a code-signing .pfx
# WINDOWS_CERTIFICATE_PASSWORD: its password
# WINDOWS_TIMESTAMP_URL:        optional RFC 3161 timestamp server (default: DigiCert's)
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Files)
$ErrorActionPreference = "Stop"

if (-not $env:WINDOWS_CERTIFICATE -or -not $env:WINDOWS_CERTIFICATE_PASSWORD) {
    Write-Host "Windows signing skipped: WINDOWS_CERTIFICATE / WINDOWS_CERTIFICATE_PASSWORD not set"
    exit 0
}

# signtool ships with the Windows SDK; take the newest x64 one installed.
$signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
    Sort-Object FullName -Descending | Select-Object -First 1
if (-not $signtool) { throw "signtool.exe not found (Windows SDK missing)" }

$timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
$pfx = Join-Path ([System.IO.Path]::GetTempPath()) "netview-signing.pfx"
[System.IO.File]::WriteAllBytes($pfx, [System.Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
try {
    foreach ($file in $Files) {
        & $signtool.FullName sign /f $pfx /p $env:WINDOWS_CERTIFICATE_PASSWORD `
            /fd sha256 /tr $timestamp /td sha256 /d "NetView" $file
        if ($LASTEXITCODE -ne 0) { throw "signtool failed on $file" }
        & $signtool.FullName verify /pa $file
        if ($LASTEXITCODE -ne 0) { throw "signature of $file does not verify" }
    }
}
finally {
    Remove-Item -Force $pfx
}
