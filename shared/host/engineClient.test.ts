/**
 * The engine client is typed by command and query name: the `@ts-expect-error` lines below are
 * checked by `tsc` (a wrong input shape must not compile; if it ever does, tsc fails on the
 * unused directive), and the calls are forwarded to the host's two engine channels unchanged.
 */
import { describe, expect, it } from 'vitest';
import { engineClient, type Channel, type HostApi } from './channels.js';

function recordingHost(): { api: HostApi; calls: { channel: Channel; payload: unknown }[] } {
  const calls: { channel: Channel; payload: unknown }[] = [];
  const api: HostApi = {
    invoke: (channel, payload) => {
      calls.push({ channel, payload });
      return Promise.resolve(null as never);
    },
    subscribe: () => () => undefined,
  };
  return { api, calls };
}

describe('engineClient', () => {
  it('sends a command and a query by name with their typed input', async () => {
    const { api, calls } = recordingHost();
    const engine = engineClient(api);
    await engine.execute('recordPayment', { orderId: 'o', amount: 5000, method: 'mobile_money' });
    await engine.query('clientCard', { id: 'c' });
    await engine.query('settings');
    expect(calls).toEqual([
      { channel: 'engine.execute', payload: { name: 'recordPayment', input: { orderId: 'o', amount: 5000, method: 'mobile_money' } } },
      { channel: 'engine.query', payload: { name: 'clientCard', args: { id: 'c' } } },
      { channel: 'engine.query', payload: { name: 'settings', args: undefined } },
    ]);
  });

  it('refuses, at compile time, inputs of the wrong shape', () => {
    const engine = engineClient(recordingHost().api);
    const never = () => {
      // @ts-expect-error an amount is a number of FCFA, not text
      void engine.execute('recordPayment', { orderId: 'o', amount: '5000' });
      // @ts-expect-error not a payment method
      void engine.execute('recordPayment', { orderId: 'o', amount: 5000, method: 'cheque' });
      // @ts-expect-error no such command
      void engine.execute('dropWorkshop', {});
      // @ts-expect-error clientCard needs the client's id
      void engine.query('clientCard');
      // @ts-expect-error unknown argument
      void engine.query('orderBoard', { days: 7 });
    };
    expect(typeof never).toBe('function');
  });

  it('types results by name', async () => {
    const { api } = recordingHost();
    const engine = engineClient(api);
    const check = async () => {
      const settings = await engine.query('settings');
      // @ts-expect-error the settings have no such field
      void settings?.colour;
      return settings?.timezone;
    };
    expect(typeof check).toBe('function');
  });
});
