// Side effect only: stamps each request with its socket address (see peer-address.mjs)
export {};
