// The desktop host's events and channel names, defined once in archive/api/host-events.ts
// (the renderer listens to them too); re-exported here for the main process and the preload.

export * from '../../archive/api/host-events';
