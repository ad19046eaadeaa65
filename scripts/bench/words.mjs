// Vocabulary for the synthetic monorepo. Deliberately free of OpenAI SDK resource names (chat, completions,
// embeddings, files, images, audio, models, messages, responses, uploads, batches, threads, runs, ...) and of
// strings that look like OpenAI model ids, so that ordinary files hold no sites and do not pass the scanner's
// prefilter. Prefilter noise is added on purpose, and only, by the snippets in snippets.mjs.

export const NOUNS = [
  'user', 'account', 'order', 'invoice', 'product', 'cart', 'session', 'profile', 'team', 'project', 'task',
  'comment', 'report', 'payment', 'subscription', 'address', 'shipment', 'notification', 'setting', 'token',
  'workspace', 'member', 'role', 'event', 'metric', 'dashboard', 'page', 'layout', 'chart', 'form', 'field',
  'asset', 'tag', 'category', 'review', 'rating', 'coupon', 'discount', 'plan', 'quota', 'region', 'locale',
  'theme', 'avatar', 'attachment', 'calendar', 'schedule', 'ticket', 'incident', 'deployment', 'release',
  'feature', 'flag', 'experiment', 'audit', 'result', 'query', 'cursor', 'segment', 'channel', 'contact',
  'customer', 'vendor', 'warehouse', 'inventory', 'price', 'currency', 'receipt', 'refund', 'note', 'folder',
  'template', 'widget', 'banner', 'campaign', 'lead', 'deal', 'stage', 'goal', 'milestone', 'sprint', 'label',
  'board', 'card', 'column', 'row', 'cell', 'device', 'sensor', 'reading', 'alert', 'rule', 'policy', 'group',
  'organization', 'tenant', 'domain', 'endpoint', 'payload', 'option', 'preference', 'draft', 'revision',
  'snapshot', 'backup', 'invite', 'approval', 'booking', 'slot', 'venue', 'course', 'lesson', 'quiz', 'score',
  'badge', 'streak', 'article', 'author', 'post', 'feed', 'story', 'playlist', 'track', 'album', 'artist',
  'recipe', 'ingredient', 'menu', 'table', 'reservation', 'driver', 'vehicle', 'trip', 'route', 'stop',
];

export const VERBS = [
  'get', 'fetch', 'load', 'create', 'update', 'remove', 'build', 'parse', 'format', 'validate', 'normalize',
  'compute', 'resolve', 'sync', 'save', 'apply', 'merge', 'select', 'sort', 'group', 'render', 'track', 'handle',
  'submit', 'refresh', 'reset', 'toggle', 'ensure', 'serialize', 'find', 'archive', 'restore', 'publish',
  'assign', 'approve', 'notify', 'prepare', 'collect', 'summarize', 'compare', 'import', 'export', 'enqueue',
];

export const PROPS = [
  'id', 'name', 'title', 'status', 'createdAt', 'updatedAt', 'ownerId', 'email', 'count', 'total', 'amount',
  'currency', 'label', 'value', 'type', 'kind', 'priority', 'enabled', 'visible', 'tags', 'description', 'slug',
  'url', 'path', 'version', 'rank', 'position', 'width', 'height', 'color', 'locale', 'timezone', 'startDate',
  'endDate', 'dueDate', 'archived', 'parentId', 'teamId', 'projectId', 'userId', 'role', 'limit', 'offset',
  'pageSize', 'sortBy', 'direction', 'filters', 'error', 'summary', 'source', 'target', 'region', 'quantity',
  'sku', 'phone', 'avatarUrl', 'firstName', 'lastName', 'isActive', 'lastSeenAt', 'retries', 'weight', 'notes',
];

export const STRINGS = [
  'active', 'pending', 'archived', 'draft', 'primary', 'secondary', 'danger', 'small', 'medium', 'large', 'asc',
  'desc', 'en-US', 'de-DE', 'fr-FR', 'UTC', 'inline', 'block', 'hidden', 'success', 'warning', 'info', 'weekly',
  'monthly', 'yearly', 'free', 'pro', 'enterprise', 'owner', 'admin', 'viewer', 'editor', 'open', 'closed',
  'resolved', 'queued', 'failed', 'completed', 'cancelled', 'eur', 'usd', 'gbp', 'left', 'right', 'center',
];

export const WORDS = [
  'the', 'a', 'when', 'we', 'this', 'is', 'only', 'used', 'for', 'keep', 'in', 'sync', 'with', 'backend', 'see',
  'ticket', 'legacy', 'value', 'cache', 'invalidate', 'after', 'write', 'server', 'client', 'returns', 'null',
  'if', 'missing', 'retry', 'on', 'network', 'error', 'note', 'order', 'matters', 'here', 'because', 'of',
  'pagination', 'cursor', 'migration', 'remove', 'once', 'all', 'tenants', 'are', 'moved', 'the', 'new', 'flow',
  'optimistic', 'update', 'rolled', 'back', 'by', 'reducer', 'should', 'never', 'happen', 'in', 'production',
  'debounced', 'to', 'avoid', 'hammering', 'API', 'timezone', 'aware', 'dates', 'normalized', 'UTC', 'before',
  'storing', 'feature', 'flag', 'guarded', 'until', 'rollout', 'finished', 'workaround', 'for', 'Safari', 'bug',
  'do', 'not', 'mutate', 'input', 'callers', 'rely', 'on', 'identity', 'expensive', 'memoized', 'per', 'request',
];

export const CSS_CLASSES = [
  'flex', 'items-center', 'justify-between', 'gap-2', 'gap-4', 'p-4', 'px-3', 'py-2', 'rounded-md', 'rounded-lg',
  'border', 'border-gray-200', 'bg-white', 'bg-gray-50', 'text-sm', 'text-gray-500', 'font-medium', 'shadow-sm',
  'grid', 'grid-cols-2', 'w-full', 'truncate', 'space-y-2', 'hover:bg-gray-100', 'dark:bg-gray-900', 'mt-4',
];

export const HTML_TAGS = ['div', 'section', 'header', 'footer', 'aside', 'article', 'nav', 'main'];

export const EXTERNAL_IMPORTS_TS = [
  ["import { z } from 'zod';", ['z']],
  ["import clsx from 'clsx';", ['clsx']],
  ["import { format, parseISO, addDays } from 'date-fns';", ['format', 'parseISO', 'addDays']],
  ["import debounce from 'lodash/debounce';", ['debounce']],
  ["import { nanoid } from 'nanoid';", ['nanoid']],
  ["import type { Logger } from 'pino';", []],
  ["import { useQuery, useMutation } from '@tanstack/react-query';", ['useQuery', 'useMutation']],
  ["import axios from 'axios';", ['axios']],
  ["import { eq, and, desc } from 'drizzle-orm';", ['eq', 'and', 'desc']],
  ["import * as Sentry from '@sentry/node';", ['Sentry']],
];

export const REACT_IMPORTS = "import { useCallback, useEffect, useMemo, useState } from 'react';";
