// MemblockTrace
