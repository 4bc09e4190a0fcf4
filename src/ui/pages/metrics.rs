//! The response-time model measured live: Rᵢ and Wᵢ per service, T̄ with its formula, a chart of
//! recent command latencies, counts from the log, and the browser's storage figures.

use super::log::service_key;
use crate::app::device::{storage_info, StorageInfo};
use crate::app::metrics::Latency;
use crate::app::Shop;
use crate::domain::Service;
use crate::ui::i18n::Key;
use crate::ui::session::Session;
use leptos::prelude::*;

fn ms(value: Option<f64>) -> String {
    value.map_or_else(|| "—".into(), |v| format!("{v:.2} ms"))
}

/// The metrics page.
#[component]
pub fn MetricsPage() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let storage = LocalResource::new(move || {
        // Re-read after each commit, so "storage used" follows the log.
        shop.last_seq.track();
        storage_info()
    });
    view! {
        <section aria-labelledby="metrics-title">
            <h1 id="metrics-title">{move || session.t(Key::MetricsTitle)}</h1>
            <p class="formula">{move || session.t(Key::Formula)}</p>
            <p class="headline" data-testid="mean-response">
                {move || session.t(Key::MeanResponse)} ": "
                <strong>{move || shop.metrics.with(|m| m.mean_response()).map_or_else(|| session.t(Key::NotMeasured).to_string(), |v| format!("{v:.2} ms"))}</strong>
            </p>
            <table data-testid="service-times">
                <thead>
                    <tr>
                        <th scope="col">{move || session.t(Key::Service)}</th>
                        <th scope="col">{move || session.t(Key::ReadTime)}</th>
                        <th scope="col">{move || session.t(Key::WriteTime)}</th>
                        <th scope="col">{move || session.t(Key::Samples)}</th>
                    </tr>
                </thead>
                <tbody>
                    {Service::ALL.into_iter().map(|service| view! {
                        <tr data-testid=format!("times-{}", service.name())>
                            <th scope="row">{move || session.t(service_key(service))}</th>
                            <td>{move || ms(shop.metrics.with(|m| m.times(service).read.value()))}</td>
                            <td>{move || ms(shop.metrics.with(|m| m.times(service).write.value()))}</td>
                            <td>{move || shop.metrics.with(|m| m.times(service).write.count())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{move || session.t(Key::RecentLatencies)}</h2>
            <LatencyChart />
            <dl class="counts">
                <dt>{move || session.t(Key::CommandsLogged)}</dt>
                <dd data-testid="count-commands">{move || shop.last_seq.get()}</dd>
                <dt>{move || session.t(Key::EventsLogged)}</dt>
                <dd data-testid="count-events">{move || shop.event_count.get()}</dd>
                <dt>{move || session.t(Key::GroupCommit)}</dt>
                <dd data-testid="per-transaction" data-committed=move || shop.metrics.with(|m| m.committed()).to_string()>{move || shop.metrics.with(|m| m.commands_per_transaction()).map(|n| format!("{n:.1}"))}</dd>
                <dt>{move || session.t(Key::RejectedCount)}</dt>
                <dd data-testid="count-rejected">{move || shop.metrics.with(|m| m.rejected())}</dd>
                <dt>{move || session.tf(Key::Quarantined, &[&""]).trim().to_string()}</dt>
                <dd data-testid="count-quarantined">{move || shop.quarantined.with(Vec::len)}</dd>
                <dt>{move || session.t(Key::StorageUsed)}</dt>
                <dd data-testid="storage-used">{move || storage.get().map(|info| used(&info))}</dd>
            </dl>
            <p class="muted" data-testid="persistence">
                {move || storage.get().map(|info| match info.persisted {
                    Some(true) => session.t(Key::Persistent),
                    _ => session.t(Key::MayBeEvicted),
                })}
            </p>
            <p class="muted" data-testid="tab-latency">
                {move || shop.tab_latency.get().map(|ms| session.tf(Key::TabLatency, &[&format!("{ms:.0}")]))}
            </p>
        </section>
    }
}

fn used(info: &StorageInfo) -> String {
    match (info.usage, info.quota) {
        (Some(usage), Some(quota)) => format!(
            "{:.1} KB / {:.0} MB ({:.3}%)",
            usage / 1024.0,
            quota / 1_048_576.0,
            usage / quota.max(1.0) * 100.0
        ),
        _ => "—".into(),
    }
}

/// Recent command latencies as bars, tallest scaled to the chart.
#[component]
fn LatencyChart() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    const WIDTH: f64 = 600.0;
    const HEIGHT: f64 = 120.0;
    let bars = move || {
        shop.metrics.with(|m| {
            let recent: Vec<Latency> = m.recent().copied().collect();
            let tallest = recent.iter().map(|l| l.ms).fold(1.0, f64::max);
            let step = WIDTH / recent.len().max(1) as f64;
            recent
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let height = (l.ms / tallest * (HEIGHT - 4.0)).max(1.0);
                    let class = format!("bar {}", l.service.name());
                    view! {
                        <rect class=class x=format!("{:.1}", i as f64 * step) y=format!("{:.1}", HEIGHT - height)
                            width=format!("{:.1}", (step - 1.0).max(1.0)) height=format!("{height:.1}")>
                            <title>{format!("{:.2} ms", l.ms)}</title>
                        </rect>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <svg class="chart" data-testid="latency-chart" role="img" aria-label=move || session.t(Key::RecentLatencies)
            viewBox=format!("0 0 {WIDTH} {HEIGHT}") preserveAspectRatio="none">
            {bars}
        </svg>
    }
}
