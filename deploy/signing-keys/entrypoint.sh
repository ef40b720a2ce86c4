#!/bin/sh
# The compose deployment's signing-keys service (image: deploy/Dockerfile, target signing-keys).
#   ensure               make the token signing key pair in $DATA_DIR/jwt unless it is there (the default, each start)
#   token <kind> [name]  print an access token signed with it: admin [name] | helpdesk <name> | device <deviceId>
set -eu
classes=/opt/signing-keys/classes
case "${1:-ensure}" in
  ensure)
    exec java -cp "$classes" org.remoteassistance.localstack.SigningKeysMain "$DATA_DIR/jwt"
    ;;
  token)
    shift
    exec java -cp "$classes" org.remoteassistance.localstack.TokenMain "$@"
    ;;
  *)
    echo "usage: ensure | token admin [name] | token helpdesk <name> | token device <deviceId>" >&2
    exit 2
    ;;
esac
