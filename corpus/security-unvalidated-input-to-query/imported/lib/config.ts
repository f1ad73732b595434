export default { table: 'leads' }
