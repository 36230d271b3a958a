/**
 * Test support: a real encryptor with the shape of Electron's safeStorage, over node:crypto
 * (AES-256-GCM, random 12-byte IV, 16-byte tag). The app itself uses safeStorage (DPAPI, the
 * keyring, the Keychain); this one stands in for it where Electron does not run.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Encryptor } from './sessionStore.js';

export function aesEncryptor(key: Buffer = randomBytes(32)): Encryptor {
  return {
    isEncryptionAvailable: () => true,
    encryptString(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** A system without a keyring: safeStorage says encryption is unavailable. */
export function unavailableEncryptor(): Encryptor {
  return {
    isEncryptionAvailable: () => false,
    encryptString: () => {
      throw new Error('Encryption is not available.');
    },
    decryptString: () => {
      throw new Error('Decryption is not available.');
    },
  };
}
