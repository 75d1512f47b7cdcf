// react-query keys for the war room: everything under `all` is refetched on any incident change.
export const warRoomKeys = {
  all: ["war-room"] as const,
  board: (selected: number | null) => ["war-room", "board", selected] as const,
};
