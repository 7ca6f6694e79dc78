// The user directory lives in platform/ because workers need it too (mail notifications go to users' addresses).
export { loadUsers, roles, type UserDirectory, type UserRecord } from '../../../platform/users';
