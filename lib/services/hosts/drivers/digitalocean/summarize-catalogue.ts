// What the DigitalOcean driver offers from the API's catalogue: regions and sizes that can be
// created now, and the distribution images Wharf knows how to install Docker on.
import 'server-only';
import type { DigitalOceanImage, DigitalOceanRegion, DigitalOceanSize, DoImage, DoRegion, DoSize, PackageFamily } from './digitalocean-types.ts';

const bySlug = (a: { slug: string }, b: { slug: string }) => a.slug.localeCompare(b.slug);

/** Available regions, sorted by slug. */
export function offeredRegions(regions: DoRegion[]): DigitalOceanRegion[] {
  return regions
    .filter((region) => region.available && typeof region.slug === 'string')
    .map((region) => ({ slug: region.slug, name: region.name, sizes: [...(region.sizes ?? [])], features: [...(region.features ?? [])] }))
    .sort(bySlug);
}

/** Available sizes offered in at least one region, cheapest first (then by slug). */
export function offeredSizes(sizes: DoSize[]): DigitalOceanSize[] {
  return sizes
    .filter((size) => size.available && typeof size.slug === 'string' && (size.regions ?? []).length > 0)
    .map((size) => ({
      slug: size.slug,
      description: size.description ?? '',
      memory: size.memory,
      vcpus: size.vcpus,
      disk: size.disk,
      priceMonthly: size.price_monthly,
      priceHourly: size.price_hourly,
      regions: [...size.regions].sort(),
    }))
    .sort((a, b) => a.priceMonthly - b.priceMonthly || a.memory - b.memory || bySlug(a, b));
}

/** How Docker is installed on a DigitalOcean distribution name, or null when Wharf does not support it. */
export function packageFamilyOf(distribution: string | null | undefined): PackageFamily | null {
  const name = (distribution ?? '').trim().toLowerCase();
  if (/^(debian|ubuntu)\b/.test(name)) return 'apt';
  if (/^(fedora|centos|rocky|alma)/.test(name)) return 'dnf';
  return null;
}

/** CentOS 7 has yum, not dnf, and is past its end of life. */
const TOO_OLD = /^centos-[67]-/;

/** Public distribution images Wharf can install Docker on, grouped by distribution, newest slug first. */
export function offeredImages(images: DoImage[]): DigitalOceanImage[] {
  const offered: DigitalOceanImage[] = [];
  for (const image of images) {
    const family = packageFamilyOf(image.distribution);
    if (!family || !image.slug || image.public === false || TOO_OLD.test(image.slug)) continue;
    if (image.status !== undefined && image.status !== 'available') continue;
    offered.push({
      id: image.id,
      slug: image.slug,
      name: image.name,
      distribution: image.distribution,
      family,
      regions: [...(image.regions ?? [])].sort(),
      minDiskSize: typeof image.min_disk_size === 'number' ? image.min_disk_size : null,
    });
  }
  return offered.sort((a, b) => a.distribution.localeCompare(b.distribution) || b.slug.localeCompare(a.slug, 'en', { numeric: true }));
}
