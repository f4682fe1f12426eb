// A real OpenID Connect provider (the npm package oidc-provider) for the sign-in tests, on 127.0.0.1 only.
// Its development login page accepts any login; the login becomes the account's email, verified.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { default: Provider } = await import(pathToFileURL(join(process.env.ARC_TOOLS, 'oidc-provider', 'lib', 'index.js')).href);
const port = Number(process.env.PORT);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'arc-portal',
    client_secret: 'arc-portal-secret',
    redirect_uris: [process.env.REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }, {
    // Another application of the same provider: its tokens are not for the portal.
    client_id: 'other-app',
    client_secret: 'other-app-secret',
    redirect_uris: [process.env.REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: true, name: id.split("@")[0] }),
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['arc-tests-only'] },
});
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${port}`));
