import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Info, Wrench } from "lucide-react";
import { PanelGrid } from "@/components/services/panel-grid";
import { Section } from "@/components/services/section";
import { ServiceAbout } from "@/components/services/service-about";
import { ServiceActions } from "@/components/services/service-actions";
import { ServiceView } from "@/components/services/service-view";
import { listActionInfos } from "@/lib/actions/info";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getService, listServicesBySlug } from "@/lib/services/queries";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: (await getService(slug))?.name ?? "Unknown service" };
}

export default async function ServicePage({ params }: Props) {
  const user = await requirePageUser();
  const { slug } = await params;
  const service = await getService(slug);
  if (!service) notFound();
  const [neighbours, actions] = await Promise.all([
    listServicesBySlug([...new Set([...service.dependsOn, ...service.dependents])]),
    listActionInfos([service.slug]),
  ]);
  return (
    <>
      <ServiceView
        initial={service}
        neighbours={neighbours}
        canDeclare={hasRole(user.role, "responder")}
        about={
          <Section id="about-heading" title="About" icon={Info}>
            <ServiceAbout service={service} />
          </Section>
        }
      />
      <Section id="actions-heading" title="Recovery actions" icon={Wrench} className="mt-6">
        <ServiceActions service={service.slug} actions={actions} canAct={hasRole(user.role, "responder")} />
      </Section>
      <PanelGrid slug={service.slug} panels={service.panels} />
    </>
  );
}
