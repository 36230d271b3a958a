/** The texts of Settings › Exporter toutes les données (ExportData.tsx). */
import { defineTexts } from '../../../../../shared/i18n/texts.js';

export const EXPORT_DATA_TEXTS = defineTexts({
  fr: {
    title: 'Exporter toutes les données',
    hint: 'Un fichier ZIP avec toutes les données de l’atelier (clients, mesures, commandes, paiements, essayages, messages…) en JSON et en CSV pour Excel, et les photos présentes sur cet appareil. Possible à tout moment, avec ou sans connexion, abonnement payé ou non.',
    button: 'Exporter toutes les données',
    progressLabel: 'Progression de l’export',
    rows: 'Lecture des données : {done} / {total}',
    photos: 'Ajout des photos : {done} / {total}',
    done: 'Export prêt : {file} ({size} Ko, {rows} lignes, {photos} photo(s)).',
    missing: '{count} photo(s) ne sont pas sur cet appareil : elles sont listées dans le fichier README.txt du ZIP.',
    ownerOnly: 'Seul le propriétaire de l’atelier peut exporter toutes les données.',
  },
  en: {
    title: 'Export all data',
    hint: 'A ZIP file with all the workshop’s data (clients, measurements, orders, payments, fittings, messages…) as JSON and as CSV for Excel, and the photos on this device. Possible at any time, online or not, paid subscription or not.',
    button: 'Export all data',
    progressLabel: 'Export progress',
    rows: 'Reading the data: {done} / {total}',
    photos: 'Adding the photos: {done} / {total}',
    done: 'Export ready: {file} ({size} KB, {rows} rows, {photos} photo(s)).',
    missing: '{count} photo(s) are not on this device: they are listed in the ZIP’s README.txt file.',
    ownerOnly: 'Only the workshop’s owner can export all the data.',
  },
});
