// Original file: proto/simhub/identity/v1/identity_service.proto


export interface RegisterWithSimRequest {
  'iccid'?: (string);
  'activationCode'?: (string);
  'username'?: (string);
  'email'?: (string);
  'password'?: (string);
  'sourceAddress'?: (string);
}

export interface RegisterWithSimRequest__Output {
  'iccid': (string);
  'activationCode': (string);
  'username': (string);
  'email': (string);
  'password': (string);
  'sourceAddress': (string);
}
