import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app';
import { MissingTokenPage } from './components/missing-token-page';
import { hasConnector } from './connector/connector';
import { theme } from './theme';

const container = document.getElementById('root');
if (container === null) throw new Error('The page has no #root element.');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="bottom-right" />
      {hasConnector() ? <App /> : <MissingTokenPage />}
    </MantineProvider>
  </StrictMode>,
);
