/** Every command of the engine, by name: the only ways to change a workshop. */
import { setupWorkshop, updateSettings, createGarmentType, updateGarmentType, deleteGarmentType, addMember, updateMember, removeMember } from './workshopCommands.js';
import { createClient, updateClient, deleteClient, recordMeasurements, deleteMeasurementSheet } from './clientCommands.js';
import { createOrder, updateOrder, changeOrderStatus, deleteOrder } from './orderCommands.js';
import { recordPayment, reversePayment, scheduleFitting, updateFitting, deleteFitting } from './paymentCommands.js';
import { sendMessage, cancelMessage, recordWhatsAppOpened, saveMessageTemplate, revokeTrackingLink } from './messageCommands.js';
import { saveDirectoryProfile, addPortfolioPhoto, updatePortfolioPhoto, reorderPortfolio, removePortfolioPhoto } from './directoryCommands.js';

export const COMMANDS = {
  setupWorkshop,
  updateSettings,
  createGarmentType,
  updateGarmentType,
  deleteGarmentType,
  addMember,
  updateMember,
  removeMember,
  createClient,
  updateClient,
  deleteClient,
  recordMeasurements,
  deleteMeasurementSheet,
  createOrder,
  updateOrder,
  changeOrderStatus,
  deleteOrder,
  recordPayment,
  reversePayment,
  scheduleFitting,
  updateFitting,
  deleteFitting,
  sendMessage,
  cancelMessage,
  recordWhatsAppOpened,
  saveMessageTemplate,
  revokeTrackingLink,
  saveDirectoryProfile,
  addPortfolioPhoto,
  updatePortfolioPhoto,
  reorderPortfolio,
  removePortfolioPhoto,
} as const;
