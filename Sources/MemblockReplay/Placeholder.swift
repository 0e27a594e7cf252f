// MemblockReplay
