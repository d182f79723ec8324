'use strict';
/** The body every reference answers: the fragment a successful ChangeUserStatus returns. */
const FIXED_BODY = '<response success="true" error="" />';
/** A successful AuthenticateUser answer of the demo user's shape, for the stock soap reference. */
const FIXED_ROOT =
  '<root success="true" ticket="3f2504e0-4f89-11d3-9a0c-0305e82c3301" userid="u-00q8wbq42wiltcrk" username="jdoe" ' +
  'firstName="John" lastName="Doe" fullname="John Doe" email="jdoe@demo.invalid" expireOn="2026-12-22T00:00:00Z" isAuthenticated="True" />';

/** Each reference is its own process: it tells the runner its port on stdout once it listens. */
function announce(server) {
  process.stdout.write(`listening ${server.address().port}\n`);
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

module.exports = { FIXED_BODY, FIXED_ROOT, announce };
