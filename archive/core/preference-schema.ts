// What a preference may be called and hold; shared by the contract and the core.

import { z } from 'zod';

export const PreferenceKey = z.string().regex(/^[a-zA-Z][\w.-]{0,63}$/, 'a preference name is a short word');
export const PreferenceValue = z.union([z.string().max(1_000), z.number(), z.boolean(), z.null()]);
