// Original file: proto/simhub/sim/v1/sim_service.proto


export interface SimHistoryEntry {
  'id'?: (string);
  'iccid'?: (string);
  'kind'?: (string);
  'actorUserId'?: (string);
  'actorRole'?: (string);
  'beforeJson'?: (string);
  'afterJson'?: (string);
  'createdAt'?: (string);
}

export interface SimHistoryEntry__Output {
  'id': (string);
  'iccid': (string);
  'kind': (string);
  'actorUserId': (string);
  'actorRole': (string);
  'beforeJson': (string);
  'afterJson': (string);
  'createdAt': (string);
}
