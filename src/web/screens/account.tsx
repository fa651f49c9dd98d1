// The Account screen: where the data lives, sign up, log in, log out, access tokens, delete the account, and moving this device's data into it.
import { useState } from 'preact/hooks';
import { useApp, type Account } from '../app-context.js';
import { Notice, ScreenTitle } from '../components/common.js';
import type { Arrival } from './account-arrival.js';
import { SignedOut } from './account-signed-out.js';
import { SignedIn } from './account-signed-in.js';
import './account.css';

export default function AccountScreen() {
  const { account } = useApp();
  const [arrival, setArrival] = useState<Arrival>(null);
  const [farewell, setFarewell] = useState<string | null>(null);
  return (
    <section aria-labelledby="screen-title" class="account">
      <ScreenTitle>Account</ScreenTitle>
      {farewell && !account && <Notice tone="success">{farewell}</Notice>}
      <WhereDataLives account={account} />
      {account ? (
        <SignedIn
          account={account}
          arrival={arrival}
          onLeave={(message) => {
            setArrival(null);
            setFarewell(message);
          }}
        />
      ) : (
        <SignedOut
          onArrive={(how) => {
            setFarewell(null);
            setArrival(how);
          }}
        />
      )}
    </section>
  );
}

function WhereDataLives({ account }: { account: Account | null }) {
  return (
    <section class="card where-data" aria-labelledby="where-data-title">
      <h2 id="where-data-title" class="where-data-title">
        Where your data lives
      </h2>
      {account?.role === 'clinician' ? (
        <p>
          <strong>A clinician account</strong> ({account.email}), shown to people as{' '}
          <strong>{account.displayName ?? account.email}</strong>. It holds no health record of its
          own: you see the records of people who accepted your invitation, for as long as each of
          them keeps the link.
        </p>
      ) : account ? (
        <p>
          <strong>In your account</strong> ({account.email}), on the Backchain server. It follows
          you to any device where you log in. This device keeps a copy of what it last loaded, so
          you can use the app offline, and check-ins made offline wait here until they are sent.
        </p>
      ) : (
        <p>
          <strong>On this device only.</strong> Nothing you enter is sent anywhere. Clearing this
          browser’s site data deletes it. An account keeps it safe and lets you use it on other
          devices.
        </p>
      )}
    </section>
  );
}
