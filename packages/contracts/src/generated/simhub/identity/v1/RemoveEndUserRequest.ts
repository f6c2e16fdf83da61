// Original file: proto/simhub/identity/v1/identity_service.proto


export interface RemoveEndUserRequest {
  'id'?: (string);
}

export interface RemoveEndUserRequest__Output {
  'id': (string);
}
