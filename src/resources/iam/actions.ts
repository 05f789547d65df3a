/**
 * The IAM actions blogctl itself needs, declared per kind (what its adapter calls) and
 * for the tool's own parts (lease, account id, tag discovery, drift --unmanaged).
 * `blogctl iam-policy` turns this into a least-privilege policy: no `*` in any action.
 *
 * Adding an adapter: add its kind here with every action its adapter's AWS calls need
 * (the Command and paginate* imports of the adapter and of the local files it imports),
 * plus actions AWS checks besides the call's own (iam:PassRole when a role is handed to
 * a service, ec2:CreateTags for TagSpecifications on create...).
 * test/resources/iam-policy.test.ts scans the sources and fails, naming the kind and the
 * action, when an adapter calls an operation its entry lacks.
 */
import type { Kind } from '../../reconciler/types.ts';

/** EC2 tags: written at create (TagSpecifications) and kept current by updates. */
const EC2_TAGS = ['ec2:CreateTags', 'ec2:DeleteTags'];
/** ELBv2 tags: read in batches of 20, written at create (which AWS authorizes as AddTags too) and by updates. */
const ELB_TAGS = ['elasticloadbalancing:DescribeTags', 'elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'];

export const KIND_ACTIONS: { readonly [K in Kind]?: readonly string[] } = {
  'ec2.vpc': ['ec2:DescribeVpcs', 'ec2:DescribeVpcAttribute', 'ec2:CreateVpc', 'ec2:ModifyVpcAttribute', 'ec2:DeleteVpc', ...EC2_TAGS],
  'ec2.subnet': ['ec2:DescribeSubnets', 'ec2:CreateSubnet', 'ec2:ModifySubnetAttribute', 'ec2:DeleteSubnet', ...EC2_TAGS],
  'ec2.internet-gateway': [
    'ec2:DescribeInternetGateways', 'ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:DetachInternetGateway', 'ec2:DeleteInternetGateway', ...EC2_TAGS,
  ],
  'ec2.route-table': [
    'ec2:DescribeRouteTables', 'ec2:CreateRouteTable', 'ec2:DeleteRouteTable', 'ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute',
    'ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable', 'ec2:ReplaceRouteTableAssociation', ...EC2_TAGS,
  ],
  'ec2.security-group': [
    'ec2:DescribeSecurityGroups', 'ec2:CreateSecurityGroup', 'ec2:DeleteSecurityGroup',
    'ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress',
    'ec2:UpdateSecurityGroupRuleDescriptionsIngress', 'ec2:UpdateSecurityGroupRuleDescriptionsEgress', ...EC2_TAGS,
  ],
  'cloudfront.origin-access-control': [
    'cloudfront:ListOriginAccessControls', 'cloudfront:GetOriginAccessControl', 'cloudfront:CreateOriginAccessControl',
    'cloudfront:UpdateOriginAccessControl', 'cloudfront:DeleteOriginAccessControl',
  ],
  'cloudfront.distribution': [
    'cloudfront:ListDistributions', 'cloudfront:GetDistribution', 'cloudfront:GetDistributionConfig', 'cloudfront:ListTagsForResource',
    'cloudfront:CreateDistribution', 'cloudfront:UpdateDistribution', 'cloudfront:DeleteDistribution', 'cloudfront:TagResource',
    'cloudfront:UntagResource', 'cloudfront:ListCachePolicies',
  ],
  'ec2.vpc-endpoint': ['ec2:DescribeVpcEndpoints', 'ec2:CreateVpcEndpoint', 'ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints', ...EC2_TAGS],
  'ec2.ami': ['ec2:DescribeImages'],
  // iam:PassRole: an instance profile hands its role to the instance.
  'ec2.instance': [
    'ec2:DescribeInstances', 'ec2:DescribeInstanceAttribute', 'ec2:DescribeVolumes', 'ec2:DescribeInstanceCreditSpecifications', 'ec2:DescribeInstanceTypeOfferings',
    'ec2:RunInstances', 'ec2:ModifyInstanceAttribute', 'ec2:ModifyInstanceMetadataOptions', 'ec2:MonitorInstances', 'ec2:UnmonitorInstances',
    'ec2:ModifyInstanceCreditSpecification', 'ec2:TerminateInstances', 'iam:PassRole', ...EC2_TAGS,
  ],
  'ec2.launch-template': [
    'ec2:DescribeLaunchTemplates', 'ec2:DescribeLaunchTemplateVersions', 'ec2:DescribeInstanceTypeOfferings', 'ec2:CreateLaunchTemplate',
    'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate', 'ec2:DeleteLaunchTemplate', ...EC2_TAGS,
  ],
  'iam.role': [
    'iam:ListRoles', 'iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:CreateRole', 'iam:DeleteRole',
    'iam:UpdateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy',
    'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:TagRole', 'iam:UntagRole',
  ],
  // iam:PassRole: AddRoleToInstanceProfile passes the role.
  'iam.instance-profile': [
    'iam:ListInstanceProfiles', 'iam:GetInstanceProfile', 'iam:CreateInstanceProfile', 'iam:DeleteInstanceProfile', 'iam:AddRoleToInstanceProfile',
    'iam:RemoveRoleFromInstanceProfile', 'iam:TagInstanceProfile', 'iam:UntagInstanceProfile', 'iam:PassRole',
  ],
  // A group on a launch template: AWS checks that the caller may launch it (RunInstances,
  // CreateTags, PassRole of its profile) and read its versions.
  'autoscaling.group': [
    'autoscaling:DescribeAutoScalingGroups', 'autoscaling:CreateAutoScalingGroup', 'autoscaling:UpdateAutoScalingGroup', 'autoscaling:DeleteAutoScalingGroup',
    'autoscaling:AttachLoadBalancerTargetGroups', 'autoscaling:DetachLoadBalancerTargetGroups', 'autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags',
    'autoscaling:StartInstanceRefresh', 'autoscaling:DescribeInstanceRefreshes', 'ec2:RunInstances', 'ec2:CreateTags', 'ec2:DescribeLaunchTemplateVersions', 'iam:PassRole',
  ],
  'dynamodb.table': [
    'dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTimeToLive', 'dynamodb:ListTagsOfResource', 'dynamodb:CreateTable',
    'dynamodb:UpdateTable', 'dynamodb:UpdateContinuousBackups', 'dynamodb:UpdateTimeToLive', 'dynamodb:DeleteTable', 'dynamodb:TagResource', 'dynamodb:UntagResource',
  ],
  // iam:PassRole: the function's execution role. The log group is the function's (its retention).
  'lambda.function': [
    'lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:CreateFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration',
    'lambda:PutFunctionConcurrency', 'lambda:DeleteFunctionConcurrency', 'lambda:DeleteFunction', 'lambda:TagResource', 'lambda:UntagResource', 'iam:PassRole',
    'logs:DescribeLogGroups', 'logs:CreateLogGroup', 'logs:TagResource', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:DeleteLogGroup',
  ],
  // Statements are found on the stack's functions too (tag discovery): those that left the spec.
  'lambda.permission': ['lambda:GetPolicy', 'lambda:AddPermission', 'lambda:RemovePermission', 'tag:GetResources'],
  // s3:TagResource: CreateBucket with tags (a crash right after the create leaves a tagged bucket).
  's3.bucket': [
    's3:ListBucket', 's3:CreateBucket', 's3:TagResource', 's3:DeleteBucket', 's3:GetBucketTagging', 's3:PutBucketTagging', 's3:GetBucketVersioning', 's3:PutBucketVersioning',
    's3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration', 's3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock',
    's3:GetBucketOwnershipControls', 's3:PutBucketOwnershipControls', 's3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy',
    's3:GetBucketWebsite', 's3:PutBucketWebsite', 's3:DeleteBucketWebsite',
    // Emptying a bucket that records forceDestroy.
    's3:ListBucketVersions', 's3:DeleteObject', 's3:DeleteObjectVersion',
  ],
  's3.bucket-notification': ['s3:GetBucketNotification', 's3:PutBucketNotification', 'tag:GetResources'],
  'rds.db-subnet-group': [
    'rds:DescribeDBSubnetGroups', 'rds:CreateDBSubnetGroup', 'rds:ModifyDBSubnetGroup', 'rds:DeleteDBSubnetGroup',
    'rds:ListTagsForResource', 'rds:AddTagsToResource', 'rds:RemoveTagsFromResource',
  ],
  // ManageMasterUserPassword: RDS makes the secret with the caller's rights; a final snapshot is a snapshot the caller takes.
  'rds.db-instance': [
    'rds:DescribeDBInstances', 'rds:DescribeDBEngineVersions', 'rds:CreateDBInstance', 'rds:ModifyDBInstance', 'rds:DeleteDBInstance', 'rds:CreateDBSnapshot',
    'rds:ListTagsForResource', 'rds:AddTagsToResource', 'rds:RemoveTagsFromResource', 'secretsmanager:CreateSecret', 'secretsmanager:TagResource',
  ],
  // The owner record of a policy is a tag of its group.
  'autoscaling.policy': [
    'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribePolicies', 'autoscaling:PutScalingPolicy', 'autoscaling:DeletePolicy',
    'autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags',
  ],
  'elbv2.load-balancer': [
    'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes', 'elasticloadbalancing:CreateLoadBalancer',
    'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:SetSecurityGroups',
    'elasticloadbalancing:SetIpAddressType', 'elasticloadbalancing:DeleteLoadBalancer', ...ELB_TAGS,
  ],
  'elbv2.target-group': [
    'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetGroupAttributes', 'elasticloadbalancing:CreateTargetGroup',
    'elasticloadbalancing:ModifyTargetGroup', 'elasticloadbalancing:ModifyTargetGroupAttributes', 'elasticloadbalancing:DeleteTargetGroup', ...ELB_TAGS,
  ],
  'elbv2.listener': [
    'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:CreateListener',
    'elasticloadbalancing:ModifyListener', 'elasticloadbalancing:DeleteListener', ...ELB_TAGS,
  ],
  'acm.certificate': [
    'acm:ListCertificates', 'acm:DescribeCertificate', 'acm:ListTagsForCertificate', 'acm:RequestCertificate', 'acm:AddTagsToCertificate',
    'acm:RemoveTagsFromCertificate', 'acm:UpdateCertificateOptions', 'acm:DeleteCertificate',
  ],
  'route53.hosted-zone': ['route53:ListHostedZonesByName', 'route53:GetHostedZone'],
  'route53.health-check': [
    'route53:ListHealthChecks', 'route53:ListTagsForResources', 'route53:CreateHealthCheck', 'route53:UpdateHealthCheck', 'route53:DeleteHealthCheck',
    'route53:ChangeTagsForResource',
  ],
  'route53.record': ['route53:ListResourceRecordSets', 'route53:ChangeResourceRecordSets', 'route53:GetChange'],
};

/** What the tool needs whatever the spec holds: one statement each. */
export interface CoreStatement {
  readonly sid: string;
  /** Why, for docs/OPERATIONS.md and the policy's reader. */
  readonly why: string;
  readonly actions: readonly string[];
  /** Default `*`; the lease table's ARN pattern for the lease. */
  readonly resource?: (o: { table: string }) => string;
}

export const CORE_ACTIONS: readonly CoreStatement[] = [
  {
    sid: 'StackLease', why: 'the stack lease (one writer per stack): the table is created on first use',
    actions: ['dynamodb:DescribeTable', 'dynamodb:CreateTable', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
    resource: ({ table }) => `arn:aws:dynamodb:*:*:table/${table}`,
  },
  { sid: 'AccountId', why: '${aws.accountId} in the spec', actions: ['sts:GetCallerIdentity'] },
  {
    sid: 'UnmanagedBuckets', why: 'drift --unmanaged: the region\'s buckets named <stack>- (one ListBuckets with a prefix; their tags with s3.bucket\'s GetBucketTagging)',
    actions: ['s3:ListAllMyBuckets'],
  },
  { sid: 'TagDiscovery', why: 'finding the stack\'s buckets, functions, tables, distributions and DB subnet groups by tag (kinds that cannot list by tag)', actions: ['tag:GetResources'] },
];
