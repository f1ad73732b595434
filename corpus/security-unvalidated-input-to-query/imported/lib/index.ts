// The data functions, through a barrel of their own.
export * from './leads'
export { default as leadsConfig } from './config'
