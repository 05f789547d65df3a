/**
 * ELBv2 errors as the Query protocol carries them: the wire code (`LoadBalancerNotFound`)
 * becomes the SDK's modelled class (`LoadBalancerNotFoundException`) with `Code`, `Type`
 * and `Error` kept; codes without a class (ValidationError, UnsupportedCertificate) come
 * back as the service's base exception with that name. All are HTTP 400.
 */
import {
  CertificateNotFoundException,
  DuplicateListenerException,
  DuplicateLoadBalancerNameException,
  DuplicateTagKeysException,
  DuplicateTargetGroupNameException,
  ElasticLoadBalancingV2ServiceException,
  IncompatibleProtocolsException,
  InvalidConfigurationRequestException,
  InvalidLoadBalancerActionException,
  InvalidSchemeException,
  InvalidSecurityGroupException,
  InvalidSubnetException,
  InvalidTargetException,
  ListenerNotFoundException,
  LoadBalancerNotFoundException,
  OperationNotPermittedException,
  ResourceInUseException,
  SSLPolicyNotFoundException,
  SubnetNotFoundException,
  TargetGroupAssociationLimitException,
  TargetGroupNotFoundException,
  TooManyTagsException,
  UnsupportedProtocolException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { sdkExceptions, type SimulatedError } from '../service.ts';

export const elbToException = sdkExceptions(
  ElasticLoadBalancingV2ServiceException,
  {
    CertificateNotFound: CertificateNotFoundException,
    DuplicateListener: DuplicateListenerException,
    DuplicateLoadBalancerName: DuplicateLoadBalancerNameException,
    DuplicateTagKeys: DuplicateTagKeysException,
    DuplicateTargetGroupName: DuplicateTargetGroupNameException,
    IncompatibleProtocols: IncompatibleProtocolsException,
    InvalidConfigurationRequest: InvalidConfigurationRequestException,
    InvalidLoadBalancerAction: InvalidLoadBalancerActionException,
    InvalidScheme: InvalidSchemeException,
    InvalidSecurityGroup: InvalidSecurityGroupException,
    InvalidSubnet: InvalidSubnetException,
    InvalidTarget: InvalidTargetException,
    ListenerNotFound: ListenerNotFoundException,
    LoadBalancerNotFound: LoadBalancerNotFoundException,
    OperationNotPermitted: OperationNotPermittedException,
    ResourceInUse: ResourceInUseException,
    SSLPolicyNotFound: SSLPolicyNotFoundException,
    SubnetNotFound: SubnetNotFoundException,
    TargetGroupAssociationLimit: TargetGroupAssociationLimitException,
    TargetGroupNotFound: TargetGroupNotFoundException,
    TooManyTags: TooManyTagsException,
    UnsupportedProtocol: UnsupportedProtocolException,
  },
  (e: SimulatedError) => {
    const Type = e.fault === 'server' ? 'Receiver' : 'Sender';
    return { Code: e.code, Type, Error: { Type, Code: e.code, Message: e.message } };
  },
);
