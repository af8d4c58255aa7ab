// Which host names stay on this machine: the emulator delivers callbacks only there (unless told
// otherwise), and a contract run treats such targets as local. One definition for both.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.test(hostname);
