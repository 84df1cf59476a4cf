// Node-RED settings of bench/e2e.sh TARGET=nodered: no editor or admin API, loopback only, quiet logs
// (warn: the e-mail node logs every mail it sent at info). The flow's function nodes get crypto (the
// constant-time secret check) and fs (the code pool) through the global context.
module.exports = {
    uiHost: '127.0.0.1',
    httpAdminRoot: false,
    httpNodeRoot: '/',
    flowFile: 'flows.json',
    credentialSecret: false,
    functionGlobalContext: { crypto: require('crypto'), fs: require('fs') },
    logging: { console: { level: 'warn', metrics: false, audit: false } },
    editorTheme: { projects: { enabled: false } },
};
