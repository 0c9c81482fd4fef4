// A real OpenID Connect provider (the npm package oidc-provider) for the single sign-on tests.
//
// Started by tests/voice/test_single_sign_on.py with these environment variables:
//   OIDC_TEST_PORT          the port to listen on (127.0.0.1)
//   OIDC_TEST_REDIRECT_URI  Voice's callback address
//   OIDC_TEST_LOGOUT_URI    where Voice asks to come back to after signing out
// It prints "ready <issuer>" once it listens.
//
// The login page is a plain form: the tests post the account id they want to sign in as,
// which stands for a person typing their name and password at their organisation's sign-in.
// Consent is given automatically, as a council's own identity provider does for its own
// services. Two accounts make the provider misbehave on purpose: "wrong-audience" gets an ID
// token for another service, "expired" one that ran out an hour ago, both signed with the
// provider's real key, so only Voice's checks stand between them and a session.

import http from 'node:http';

import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const redirectUri = process.env.OIDC_TEST_REDIRECT_URI;
const logoutUri = process.env.OIDC_TEST_LOGOUT_URI;
const issuer = `http://127.0.0.1:${port}`;

const CLIENT_ID = 'voice-tests';
const CLIENT_SECRET = 'voice-tests-secret-that-is-long-enough';

const MFA = ['pwd', 'mfa'];
const PASSWORD_ONLY = ['pwd'];
const ACCOUNTS = {
  'lead-7f3a': { email: 'lena.lead@council.example', name: 'Lena Lead', groups: ['voice-leads'], amr: MFA },
  'admin-2b9c': { email: 'ade.admin@council.example', name: 'Ade Admin', groups: ['voice-admins', 'voice-leads'], amr: MFA },
  'worker-5d1e': { email: 'yan.worker@council.example', name: 'Yan Worker', groups: ['youth-workers', 'finance'], amr: PASSWORD_ONLY },
  'lead-no-mfa-9e4f': { email: 'pat.lead@council.example', name: 'Pat Lead', groups: ['voice-leads'], amr: PASSWORD_ONLY },
  'outsider-3c8d': { email: 'olu.outsider@council.example', name: 'Olu Outsider', groups: ['finance'], amr: MFA },
  'unverified-6a2b': { email: 'existing@council.example', name: 'Eve Existing', groups: ['youth-workers'], amr: MFA, emailVerified: false },
  'verified-1d7c': { email: 'known@council.example', name: 'Kim Known', groups: ['youth-workers'], amr: MFA },
  'wrong-audience': { email: 'wa@council.example', name: 'Wrong Audience', groups: ['youth-workers'], amr: MFA },
  expired: { email: 'ex@council.example', name: 'Expired Token', groups: ['youth-workers'], amr: MFA },
};

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'voice-tests-key', alg: 'RS256', use: 'sig' };

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [logoutUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['voice-tests-cookie-key'] },
  // amr (how the person signed in) with every ID token, as Entra ID and others send it.
  claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  // The claims of the scopes asked for go in the ID token, as Entra ID puts groups there.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Sign out</title></head><body>
          ${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
          </body></html>`;
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name,
          groups: account.groups,
        };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const grant = await ctx.oidc.provider.Grant.find(grantId);
      if (grant) return grant;
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

// The two accounts that stand for a provider (or an attacker) handing Voice a bad ID token.
provider.use(async (ctx, next) => {
  await next();
  const idToken = ctx.path === '/token' && ctx.body && ctx.body.id_token;
  if (!idToken) return;
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (claims.sub === 'wrong-audience') {
    claims.aud = 'some-other-service';
    claims.azp = 'some-other-service';
  } else if (claims.sub === 'expired') {
    claims.iat = now - 7200;
    claims.exp = now - 3600;
  } else {
    return;
  }
  ctx.body = {
    ...ctx.body,
    id_token: await new SignJWT(claims).setProtectedHeader(decodeProtectedHeader(idToken)).sign(privateKey),
  };
});

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res) {
  const [, , uid, action] = req.url.split('?')[0].split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET' && details.prompt.name === 'login') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!DOCTYPE html><html lang="en"><head><title>Council sign-in</title></head><body>
      <h1>Council sign-in</h1>
      <form method="post" action="/interaction/${escapeHtml(uid)}/login">
        <label for="login">Account</label><input id="login" name="login">
        <button type="submit">Sign in</button>
      </form></body></html>`);
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const login = (await readForm(req)).get('login');
    const account = ACCOUNTS[login];
    if (!account) {
      res.statusCode = 400;
      res.end('unknown account');
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: login, amr: account.amr } }, {
      mergeWithLastSubmission: false,
    });
    return;
  }
  // Consent is automatic (loadExistingGrant), so any other prompt ends in an error.
  await provider.interactionFinished(req, res, {
    error: 'access_denied',
    error_description: `unexpected prompt ${details.prompt.name}`,
  });
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
    return;
  }
  callback(req, res);
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
