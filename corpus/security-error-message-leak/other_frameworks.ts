// NestJS, tRPC and Koa send these to the client too.
import { HttpException, HttpStatus, Injectable, InternalServerErrorException } from '@nestjs/common'
import { TRPCError } from '@trpc/server'
import type { Context } from 'koa'

@Injectable()
export class LeadsService {
  async find(id: string) {
    try {
      return await this.load(id)
    } catch (error) {
      // ruleid: security-error-message-leak
      throw new InternalServerErrorException((error as Error).message)
    }
  }

  async remove(id: string) {
    try {
      return await this.load(id)
    } catch (error) {
      // ruleid: security-error-message-leak
      throw new HttpException(`Delete failed: ${error}`, HttpStatus.INTERNAL_SERVER_ERROR)
    }
  }

  async update(id: string) {
    try {
      return await this.load(id)
    } catch (error) {
      // ok: security-error-message-leak
      throw new InternalServerErrorException('Update failed', { cause: error })
    }
  }

  private async load(id: string) {
    return { id }
  }
}

export async function trpcResolver(input: { id: string }) {
  try {
    return { id: input.id }
  } catch (err) {
    // ruleid: security-error-message-leak
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: (err as Error).message })
  }
}

export async function trpcResolverSafe(input: { id: string }) {
  try {
    return { id: input.id }
  } catch (err) {
    // ok: security-error-message-leak
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Lookup failed', cause: err })
  }
}

export async function koaHandler(ctx: Context) {
  try {
    ctx.body = { ok: true }
  } catch (err) {
    ctx.status = 500
    // ruleid: security-error-message-leak
    ctx.body = { error: (err as Error).message }
  }
}
