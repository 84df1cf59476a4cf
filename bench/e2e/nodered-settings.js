// Node-RED settings of bench/e2e.sh TARGET=nodered: bench/compare's (no editor or admin API, loopback
// only, quiet logs; warn also hides the e-mail node's line per mail sent at info), and the flow's
// function nodes get crypto (the constant-time secret check) and fs (the code pool) through the
// global context.
module.exports = {
    ...require('../compare/settings.js'),
    functionGlobalContext: { crypto: require('crypto'), fs: require('fs') },
};
