/**
 * Internet gateways: CreateInternetGateway, AttachInternetGateway, DetachInternetGateway,
 * DescribeInternetGateways, DeleteInternetGateway. An attached gateway shows its
 * attachment as 'available' (EC2 does, although the SDK's AttachmentStatus enum lacks it).
 */
import type {
  AttachmentStatus,
  AttachInternetGatewayCommandInput,
  AttachInternetGatewayCommandOutput,
  CreateInternetGatewayCommandInput,
  CreateInternetGatewayCommandOutput,
  DeleteInternetGatewayCommandInput,
  DeleteInternetGatewayCommandOutput,
  DescribeInternetGatewaysCommandInput,
  DescribeInternetGatewaysCommandOutput,
  DetachInternetGatewayCommandInput,
  DetachInternetGatewayCommandOutput,
  InternetGateway,
} from '@aws-sdk/client-ec2';
import type { IdGenerator } from '../ids.ts';
import type { OperationTable } from '../service.ts';
import { addTags, applyFilters, ec2Page, tagList, tagsFromSpecifications } from './query.ts';
import { type Ec2Ctx, find, findAll } from './resources.ts';
import { type Ec2State, type InternetGatewayRec, isLive } from './state.ts';

type Out<T> = Omit<T, '$metadata'>;

export function newInternetGateway(env: { state: Ec2State; ids: IdGenerator }): InternetGatewayRec {
  const igw: InternetGatewayRec = { id: env.ids.next('igw'), attachedVpcId: null };
  env.state.internetGateways[igw.id] = igw;
  return igw;
}

function render(ctx: Ec2Ctx, g: InternetGatewayRec): InternetGateway {
  return {
    Attachments: g.attachedVpcId === null ? [] : [{ State: 'available' as AttachmentStatus, VpcId: g.attachedVpcId }],
    InternetGatewayId: g.id,
    OwnerId: ctx.accountId,
    Tags: tagList(ctx.state, g.id),
  };
}

export const internetGatewayOperations = {
  CreateInternetGateway(input: CreateInternetGatewayCommandInput, ctx: Ec2Ctx): Out<CreateInternetGatewayCommandOutput> {
    const tags = tagsFromSpecifications(ctx, input.TagSpecifications, 'internet-gateway');
    const igw = newInternetGateway(ctx);
    addTags(ctx, igw.id, tags);
    return { InternetGateway: render(ctx, igw) };
  },

  AttachInternetGateway(input: AttachInternetGatewayCommandInput, ctx: Ec2Ctx): Out<AttachInternetGatewayCommandOutput> {
    const igw = find(ctx, 'internet-gateway', input.InternetGatewayId, 'internetGatewayId');
    const vpc = find(ctx, 'vpc', input.VpcId, 'vpcId');
    if (igw.attachedVpcId !== null) {
      ctx.fail('Resource.AlreadyAssociated', `resource ${igw.id} is already attached to network ${igw.attachedVpcId}`);
    }
    const other = Object.values(ctx.state.internetGateways).find((g) => g.attachedVpcId === vpc.id);
    if (other) ctx.fail('Resource.AlreadyAssociated', `resource ${vpc.id} already has an internet gateway attached (${other.id})`);
    igw.attachedVpcId = vpc.id;
    return {};
  },

  DetachInternetGateway(input: DetachInternetGatewayCommandInput, ctx: Ec2Ctx): Out<DetachInternetGatewayCommandOutput> {
    const igw = find(ctx, 'internet-gateway', input.InternetGatewayId, 'internetGatewayId');
    const vpc = find(ctx, 'vpc', input.VpcId, 'vpcId');
    if (igw.attachedVpcId !== vpc.id) ctx.fail('Gateway.NotAttached', `resource ${igw.id} is not attached to network ${vpc.id}`);
    const mapped = Object.values(ctx.state.instances).some((i) => i.vpcId === vpc.id && i.publicIp !== null && isLive(i, ctx.now));
    if (mapped) {
      ctx.fail('DependencyViolation', `Network ${vpc.id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
    }
    igw.attachedVpcId = null;
    return {};
  },

  DescribeInternetGateways(input: DescribeInternetGatewaysCommandInput, ctx: Ec2Ctx): Out<DescribeInternetGatewaysCommandOutput> {
    const matched = applyFilters(ctx, findAll(ctx, 'internet-gateway', input.InternetGatewayIds), input.Filters, {
      'internet-gateway-id': (g) => g.id,
      'attachment.vpc-id': (g) => g.attachedVpcId,
      'attachment.state': (g) => (g.attachedVpcId === null ? null : 'available'),
      'owner-id': () => ctx.accountId,
    }, (g) => g.id);
    const page = ec2Page(ctx, matched, (g) => g.id, input);
    return { InternetGateways: page.items.map((g) => render(ctx, g)), NextToken: page.NextToken };
  },

  DeleteInternetGateway(input: DeleteInternetGatewayCommandInput, ctx: Ec2Ctx): Out<DeleteInternetGatewayCommandOutput> {
    const igw = find(ctx, 'internet-gateway', input.InternetGatewayId, 'internetGatewayId');
    if (igw.attachedVpcId !== null) ctx.fail('DependencyViolation', `The internetGateway '${igw.id}' has dependencies and cannot be deleted.`);
    delete ctx.state.internetGateways[igw.id];
    delete ctx.state.tags[igw.id];
    return {};
  },
} satisfies OperationTable<Ec2State>;
